using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>Prometheus's duration syntax (<c>15s</c>, <c>1m30s</c>, <c>2h</c>, <c>500ms</c>, <c>7d</c>), for options.</summary>
internal static partial class PrometheusDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !DurationRegex().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in PartRegex().Matches(text))
        {
            var amount = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                "w" => TimeSpan.FromDays(7 * amount),
                _ => TimeSpan.FromDays(365 * amount),
            };
        }

        return true;
    }

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d|w|y))+$")]
    private static partial Regex DurationRegex();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d|w|y)")]
    private static partial Regex PartRegex();
}
