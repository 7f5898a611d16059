using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>Log messages of Alertmanager forwarding (event ids 1770–1779).</summary>
internal static partial class ForwardingLog
{
    [LoggerMessage(EventId = 1770, Level = LogLevel.Information, Message = "Forwarding alerts to {Count} Alertmanager(s): {Urls}")]
    public static partial void Started(ILogger logger, int count, string urls);

    [LoggerMessage(EventId = 1771, Level = LogLevel.Warning, Message = "Alertmanager {Url} did not accept {Alerts} alerts after {Attempts} attempts: {Error}")]
    public static partial void Failed(ILogger logger, string url, int alerts, int attempts, string error);

    [LoggerMessage(EventId = 1772, Level = LogLevel.Warning, Message = "Alertmanager forwarding queue full; dropped the oldest alert")]
    public static partial void Dropped(ILogger logger);
}
