using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Webhook delivery settings, bound from the <c>Alerting</c> section beside <see cref="AlertingOptions"/>. The
/// defaults are the contract: 1 s doubling to 30 s, 10 tries in all, then a kept dead letter.
/// </summary>
public sealed class NotificationDeliveryOptions
{
    /// <summary>
    /// Where the durable outbox keeps one file per notification. Empty: <c>&lt;Storage:DataDirectory&gt;/alerting/outbox</c>,
    /// so all local state lives under the one <c>--data</c> directory.
    /// </summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>
    /// A file holding the HMAC-SHA256 key that signs webhook bodies (trailing whitespace ignored). A path rather than
    /// the key itself so the secret never sits in configuration or the process's environment. Empty: unsigned.
    /// </summary>
    public string? WebhookSigningKeyFile { get; set; }

    /// <summary>Notifications not yet delivered (pending and dead letters) past which enqueueing fails loudly.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedNotifications { get; set; } = 10_000;

    /// <summary>Delivered notifications remembered (on disk, without their bodies) for deduplication and the API.</summary>
    [Range(1, 1_000_000)]
    public int MaxRecentNotifications { get; set; } = 2_000;

    /// <summary>Webhook requests in flight at once.</summary>
    [Range(1, 256)]
    public int DeliveryConcurrency { get; set; } = 8;

    /// <summary>How long one webhook request may take before it counts as a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after the first failed attempt; each further failure doubles it up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all (the first included) before a notification becomes a dead letter.</summary>
    [Range(1, 1000)]
    public int MaxDeliveryAttempts { get; set; } = 10;
}
