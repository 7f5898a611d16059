using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>Log messages of the outbox and webhook delivery (event ids 1760–1779).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 1760, Level = LogLevel.Information, Message = "Notification outbox at {Directory}: {Pending} pending, {DeadLetters} dead letters, {Delivered} recently delivered")]
    public static partial void Opened(ILogger logger, string directory, int pending, int deadLetters, int delivered);

    [LoggerMessage(EventId = 1761, Level = LogLevel.Error, Message = "Outbox file {Path} is torn or corrupt; moved to {Destination}")]
    public static partial void Quarantined(ILogger logger, string path, string destination);

    [LoggerMessage(EventId = 1762, Level = LogLevel.Warning, Message = "Notification outbox full ({Queued} undelivered); refused notification {IdempotencyKey} for receiver {Receiver}")]
    public static partial void Full(ILogger logger, int queued, string idempotencyKey, string receiver);

    [LoggerMessage(EventId = 1763, Level = LogLevel.Warning, Message = "Webhook delivery of {Id} to receiver {Receiver} failed (attempt {Attempt} of {MaxAttempts}): {Error}; next attempt at {NextAttemptAt:o}")]
    public static partial void AttemptFailed(ILogger logger, string id, string receiver, int attempt, int maxAttempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1764, Level = LogLevel.Error, Message = "Webhook delivery of {Id} to receiver {Receiver} failed {Attempts} times; kept as a dead letter ({Error})")]
    public static partial void DeadLettered(ILogger logger, string id, string receiver, int attempts, string error);

    [LoggerMessage(EventId = 1765, Level = LogLevel.Information, Message = "Dead letter {Id} for receiver {Receiver} re-driven by request")]
    public static partial void Redriven(ILogger logger, string id, string receiver);

    [LoggerMessage(EventId = 1766, Level = LogLevel.Warning, Message = "No Alerting:WebhookSigningKeyFile configured: webhook bodies are sent without an X-Observe-Signature header")]
    public static partial void Unsigned(ILogger logger);

    [LoggerMessage(EventId = 1767, Level = LogLevel.Error, Message = "Webhook delivery loop failed; retrying")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
