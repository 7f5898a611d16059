namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// One notification and its delivery state, as stored in its own file. Immutable: each state change writes a new
/// record in place of the old one. <c>Id</c> is derived from the idempotency key, so a repeat of the key finds the
/// same record; <c>Sequence</c> is the order of arrival, which delivery follows within a group; <c>Body</c> holds the
/// exact bytes sent (emptied once delivered).
/// </summary>
internal sealed record OutboxRecord(
    string Id,
    long Sequence,
    string IdempotencyKey,
    string Receiver,
    Uri Url,
    string GroupKey,
    string Status,
    int AlertCount,
    DateTimeOffset CreatedAt,
    byte[] Body,
    OutboxState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt = null,
    string? LastError = null,
    DateTimeOffset? CompletedAt = null)
{
    /// <summary>Notifications of one group to one webhook are delivered in order, so "resolved" never overtakes "firing".</summary>
    public (string Receiver, Uri Url, string GroupKey) Lane => (Receiver, Url, GroupKey);
}
