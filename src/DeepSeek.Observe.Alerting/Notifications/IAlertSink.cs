namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// Where evaluated alerts go: the platform's own notification pipeline, and optionally a real Alertmanager. The rule
/// evaluator sends to every registered sink, as Prometheus sends to every configured Alertmanager.
/// </summary>
public interface IAlertSink
{
    /// <summary>Accepts a batch of alerts; must not block on delivery to receivers.</summary>
    ValueTask SendAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken);
}
