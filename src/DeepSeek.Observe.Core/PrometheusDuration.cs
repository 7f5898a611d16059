using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Core;

/// <summary>
/// Prometheus's duration syntax (<c>15s</c>, <c>1m30s</c>, <c>2h</c>, <c>500ms</c>, <c>7d</c>, and <c>0</c>), shared
/// by command-line options and configuration files so both read a duration the same way.
/// </summary>
public static partial class PrometheusDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        if (string.IsNullOrEmpty(text) || !DurationRegex().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in PartRegex().Matches(text))
        {
            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            try
            {
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
            catch (OverflowException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a duration the way Prometheus prints one (<c>1m30s</c>, <c>500ms</c>, <c>0s</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder();
        var ms = (long)duration.TotalMilliseconds;
        foreach (var (unit, size) in s_units)
        {
            if (ms >= size)
            {
                text.Append(CultureInfo.InvariantCulture, $"{ms / size}{unit}");
                ms %= size;
            }
        }

        return text.ToString();
    }

    private static readonly (string Unit, long Milliseconds)[] s_units =
        [("y", 365L * 86_400_000), ("w", 7L * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)];

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d|w|y))+$")]
    private static partial Regex DurationRegex();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d|w|y)")]
    private static partial Regex PartRegex();
}
