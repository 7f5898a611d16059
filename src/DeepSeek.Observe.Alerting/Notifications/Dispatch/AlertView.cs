using DeepSeek.Observe.Alerting.Notifications.Alerts;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>An alert with what the pipeline does with it now: where it is routed and what mutes it.</summary>
internal sealed record AlertView(
    StoredAlert Alert,
    IReadOnlyList<string> Receivers,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy)
{
    public bool IsSuppressed => SilencedBy.Count > 0 || InhibitedBy.Count > 0;
}
