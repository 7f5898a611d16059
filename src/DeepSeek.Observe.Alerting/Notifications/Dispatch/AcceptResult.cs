namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>What became of a batch of alert reports: all kept, or none (with why).</summary>
internal sealed record AcceptResult(bool Accepted, string? Error)
{
    public static AcceptResult Ok { get; } = new(true, null);

    public static AcceptResult Full(int max) =>
        new(false, $"the notification pipeline holds its maximum of {max} alerts (Alerting:MaxAlerts); nothing of the batch was kept");
}
