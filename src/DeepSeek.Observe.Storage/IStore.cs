namespace DeepSeek.Observe.Storage;

/// <summary>The store the platform writes to. Sample and series operations arrive with the telemetry spine.</summary>
public interface IStore
{
    /// <summary>Which implementation this is.</summary>
    StoreKind Kind { get; }

    /// <summary>Checks that the store is reachable and writable, for <c>/-/ready</c>.</summary>
    Task<StoreStatus> ProbeAsync(CancellationToken cancellationToken);
}
