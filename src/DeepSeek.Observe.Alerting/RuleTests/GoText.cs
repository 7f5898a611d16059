using System.Globalization;
using System.Text;
using DeepSeek.Observe.Alerting.Rules.Templates;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// How promtool (Go) prints the values in its test failures, so a diff from <c>rules test</c> reads exactly like
/// promtool's: quoted strings, label sets, floats in exponent form and the two duration notations.
/// </summary>
internal static class GoText
{
    /// <summary>strconv.Quote: double quotes, Go escapes for quotes, backslashes and unprintable characters.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (IsPrint(rune))
                    {
                        builder.Append(rune.ToString());
                    }
                    else if (rune.Value < 0x80)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else if (rune.Value < 0x10000)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>labels.Labels.String(): <c>{__name__="x", a="1"}</c>, every label (the name too) in name order.</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        "{" + string.Join(", ", labels.Select(l => l.Key + "=" + Quote(l.Value))) + "}";

    /// <summary>strconv.FormatFloat(v, 'E', -1, 64): the shortest digits in exponent form (<c>3E-01</c>, <c>+Inf</c>).</summary>
    public static string FloatE(double value) =>
        double.IsFinite(value) ? GoFormat.ShortestE(value).ToUpperInvariant() : GoFormat.ShortestE(value);

    /// <summary>
    /// Prometheus's model.Duration.String(), which promtool prints for <c>eval_time</c>: <c>5m</c>, <c>1h30s</c>,
    /// <c>0s</c>; years and weeks only when they divide the duration exactly (<c>90d</c>, not <c>12w6d</c>).
    /// </summary>
    public static string ModelDuration(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms <= 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        foreach (var (unit, size, exact) in s_modelUnits)
        {
            if (exact && ms % size != 0)
            {
                continue;
            }

            if (ms / size is > 0 and var count)
            {
                text.Append(CultureInfo.InvariantCulture, $"{count}{unit}");
                ms -= count * size;
            }
        }

        return text.ToString();
    }

    /// <summary>Go's time.Duration.String(), which promtool prints for a rule's evaluation time: <c>5m0s</c>, <c>1h0m30s</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : string.Empty;
        var ticks = Math.Abs(duration.Ticks);
        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Go picks ms/µs/ns below a second; ticks are 100 ns, so µs and ms cover every exact value but a ns tail.
            return ticks % TimeSpan.TicksPerMillisecond == 0
                ? $"{sign}{ticks / TimeSpan.TicksPerMillisecond}ms"
                : sign + Fraction(ticks, TimeSpan.TicksPerMicrosecond) + "µs";
        }

        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var seconds = Fraction(ticks % TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond);
        return hours > 0 ? $"{sign}{hours}h{minutes}m{seconds}s"
            : minutes > 0 ? $"{sign}{minutes}m{seconds}s"
            : $"{sign}{seconds}s";
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };

    // A whole number of units and the rest as decimals without trailing zeros: 1.5, 30, 0.25.
    private static string Fraction(long ticks, long unit)
    {
        var whole = ticks / unit;
        var rest = ticks % unit;
        if (rest == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole.ToString(CultureInfo.InvariantCulture) + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    private static readonly (string Unit, long Milliseconds, bool Exact)[] s_modelUnits =
    [
        ("y", 365L * 86_400_000, true), ("w", 7L * 86_400_000, true), ("d", 86_400_000, false), ("h", 3_600_000, false),
        ("m", 60_000, false), ("s", 1000, false), ("ms", 1, false),
    ];
}
