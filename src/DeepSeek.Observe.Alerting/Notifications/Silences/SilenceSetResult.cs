namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>What became of a create or update: the id stored, or why nothing changed.</summary>
internal sealed record SilenceSetResult(string? Id, string? Error, bool IsNotFound, bool IsFull)
{
    public static SilenceSetResult NotFound { get; } = new(null, "silence not found", true, false);

    public static SilenceSetResult Stored(string id) => new(id, null, false, false);

    public static SilenceSetResult Invalid(string error) => new(null, error, false, false);

    public static SilenceSetResult Full(int max) => new(null, $"too many silences (at most {max}); expire some first", false, true);
}
