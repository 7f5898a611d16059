using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>The notification dispatcher's log events (ids 7300–7399).</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Notification pipeline routes to {Receivers} receivers with {InhibitRules} inhibition rules (configuration: {Source})")]
    public static partial void Configured(ILogger logger, int receivers, int inhibitRules, string source);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Refused {Count} alerts: {Reason}")]
    public static partial void AlertsRefused(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Error, Message = "Could not queue the notification of group {GroupKey} for receiver {Receiver}; it is retried at the next group interval")]
    public static partial void EnqueueFailed(ILogger logger, string groupKey, string receiver, Exception exception);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Warning, Message = "Could not save the notification log to {Path}; after a restart some notifications may repeat")]
    public static partial void LogNotSaved(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Error, Message = "The dispatch loop failed unexpectedly; it goes on")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
