namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// Where receivers write samples. Implemented by the store, consumed by the receivers; the host wires them, so neither
/// component references the other.
/// </summary>
public interface ISampleAppender
{
    /// <summary>
    /// Stores every sample of <paramref name="batch"/> or none of them. Completes only once the samples are durable,
    /// so a receiver may acknowledge them; throws <see cref="AppendRejectedException"/> when the write is refused.
    /// </summary>
    ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken);
}
