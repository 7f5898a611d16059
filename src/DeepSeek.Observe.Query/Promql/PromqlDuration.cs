using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// PromQL durations (<c>1h30m</c>, <c>90s</c>, <c>1y</c>): units y w d h m s ms, each at most once and largest first,
/// as Prometheus's model.ParseDuration accepts; printed back in the same canonical form Prometheus prints.
/// </summary>
public static class PromqlDuration
{
    private static readonly (string Unit, long Milliseconds)[] s_units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000L),
        ("ms", 1L),
    ];

    /// <summary>Parses a duration to milliseconds; returns an error message (Prometheus's wording) when invalid.</summary>
    public static bool TryParse(string text, out long milliseconds, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        milliseconds = 0;
        error = $"not a valid duration string: \"{text}\"";
        if (text == "0")
        {
            error = null;
            return true;
        }

        var position = 0;
        var nextUnit = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var unit = Array.FindIndex(s_units, nextUnit, u => text.AsSpan(unitStart, position - unitStart).SequenceEqual(u.Unit));
            if (position == digitsStart || unitStart == digitsStart || unit < 0
                || !long.TryParse(text.AsSpan(digitsStart, unitStart - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            try
            {
                milliseconds = checked(milliseconds + checked(count * s_units[unit].Milliseconds));
            }
            catch (OverflowException)
            {
                error = "duration out of range";
                return false;
            }

            nextUnit = unit + 1;
        }

        if (text.Length == 0)
        {
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Prints milliseconds as Prometheus does: years and weeks only when exact, then d h m s ms.</summary>
    public static string Format(long milliseconds)
    {
        if (milliseconds == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        var rest = milliseconds;
        for (var i = 0; i < s_units.Length; i++)
        {
            var (unit, size) = s_units[i];
            var exactOnly = i < 2;
            if (exactOnly && rest % size != 0)
            {
                continue;
            }

            var count = rest / size;
            if (count > 0)
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= count * size;
            }
        }

        return builder.ToString();
    }
}
