using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// Settings of the notification pipeline, in section <c>Alerting</c> beside the rule settings: which Alertmanager
/// configuration file routes the alerts, and the bounds of what is kept in memory.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>Alertmanager-format configuration (<c>serve --notification-config</c>); null: keep alerts, notify no one.</summary>
    public string? NotificationConfigFile { get; set; }

    /// <summary>Where silences and the notification log are kept; null: <c>alerting</c> under the storage data directory.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>The platform's address as receivers should link to it (the payload's <c>externalURL</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ExternalUrl { get; set; } = "http://127.0.0.1:9470";

    /// <summary>Most alerts kept at once; reports of further alerts are refused (429) and counted.</summary>
    [Range(1, 10_000_000)]
    public int MaxAlerts { get; set; } = 100_000;

    /// <summary>Most silences kept, expired ones included.</summary>
    [Range(1, 1_000_000)]
    public int MaxSilences { get; set; } = 10_000;

    /// <summary>How long expired silences stay visible before they are forgotten (Alertmanager's 120h).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SilenceRetention { get; set; } = TimeSpan.FromHours(120);

    /// <summary>How long a resolved alert is kept after it resolved (its groups have notified it by then).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the notification log remembers what was sent (Alertmanager's 120h).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan NotificationLogRetention { get; set; } = TimeSpan.FromHours(120);
}
