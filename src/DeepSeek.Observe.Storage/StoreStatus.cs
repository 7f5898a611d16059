namespace DeepSeek.Observe.Storage;

/// <summary>Whether the store can take writes right now, and if not, why.</summary>
public readonly record struct StoreStatus(bool IsReachable, string Description)
{
    public static StoreStatus Reachable(string description) => new(true, description);

    public static StoreStatus Unreachable(string reason) => new(false, reason);
}
