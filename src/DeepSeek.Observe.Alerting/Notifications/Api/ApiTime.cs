using System.Globalization;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary>Timestamps as Alertmanager's API writes and reads them (RFC 3339, UTC, milliseconds).</summary>
internal static class ApiTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
