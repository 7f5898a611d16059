using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Alerts;

/// <summary>
/// An alert as the notification pipeline keeps it. <see cref="EndsAt"/> is always set: an alert received without one
/// ends <c>resolve_timeout</c> after it was last received unless re-sent (<see cref="Timeout"/> marks that case).
/// </summary>
internal sealed record StoredAlert(
    LabelSet Labels,
    LabelSet Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string GeneratorUrl,
    bool Timeout)
{
    /// <summary>Alertmanager's identity of an alert: FNV-1a 64 over the sorted labels.</summary>
    public ulong Fingerprint => Labels.Fingerprint;

    /// <summary>The fingerprint as Alertmanager prints it: 16 hexadecimal digits.</summary>
    public string FingerprintText => FormatFingerprint(Fingerprint);

    public bool IsResolved(DateTimeOffset now) => EndsAt <= now;

    public static string FormatFingerprint(ulong fingerprint) =>
        fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Combines two reports of the same alert whose activity overlaps: the later report's content, the earliest
    /// start, and the end that says most (an explicit resolution, or the later of two non-timeout ends).
    /// </summary>
    public StoredAlert Merge(StoredAlert other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (older, newer) = other.UpdatedAt < UpdatedAt ? (other, this) : (this, other);
        var merged = newer;
        if (older.StartsAt < newer.StartsAt)
        {
            merged = merged with { StartsAt = older.StartsAt };
        }

        var newerResolved = newer.IsResolved(newer.UpdatedAt);
        var olderResolved = older.IsResolved(newer.UpdatedAt);
        if (newerResolved
            ? olderResolved && older.EndsAt > newer.EndsAt
            : older.EndsAt > newer.EndsAt && !older.Timeout)
        {
            merged = merged with { EndsAt = older.EndsAt, Timeout = false };
        }

        return merged;
    }
}
