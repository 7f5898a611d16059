using System.Globalization;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// Prometheus's expanding notation for the <c>values</c> of a rule test's input series (promql/parser's series
/// description, as promtool 2.42 reads it). Items are separated by blanks:
/// <list type="bullet">
/// <item><c>a</c> — one value: a number (<c>1</c>, <c>-2.5</c>, <c>1e3</c>, <c>.5</c>), <c>Inf</c>/<c>NaN</c> in any
/// case with an optional sign, or <c>stale</c> (a staleness marker);</item>
/// <item><c>axn</c> — a, n + 1 times;</item>
/// <item><c>a+bxn</c>, <c>a-bxn</c> — a, then n more values, each b more (or less) than the one before, by repeated
/// addition as Prometheus does it, so 0.1+0.1x2 ends at 0.30000000000000004;</item>
/// <item><c>_</c> — no sample at this step; <c>_xn</c> — n steps without a sample (n, not n + 1).</item>
/// </list>
/// Anything else is an error that names the column, as promtool rejects it.
/// </summary>
public static class SeriesValues
{
    /// <summary>How many steps one series may expand to unless the caller says otherwise: a bound on memory.</summary>
    public const int DefaultMaxValues = 1_000_000;

    /// <summary>Expands <paramref name="text"/>; throws <see cref="RuleTestFormatException"/> on bad input or too many values.</summary>
    public static IReadOnlyList<SeriesValue> Parse(string text, int maxValues = DefaultMaxValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new List<SeriesValue>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return values;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            ParseItem(text.AsSpan(start, i - start), start, values, maxValues);
        }
    }

    private static void ParseItem(ReadOnlySpan<char> item, int column, List<SeriesValue> values, int maxValues)
    {
        if (item[0] == '_')
        {
            if (item.Length == 1)
            {
                Add(values, SeriesValue.Missing, 1, maxValues, column);
                return;
            }

            if (item[1] != 'x')
            {
                throw Error(column + 1, $"unexpected \"{item[1]}\" after \"_\"");
            }

            Add(values, SeriesValue.Missing, Repetitions(item[2..], column + 2), maxValues, column);
            return;
        }

        var at = 0;
        var first = ReadValue(item, ref at, column, allowStale: true);
        if (at == item.Length)
        {
            Add(values, first, 1, maxValues, column);
            return;
        }

        if (item[at] == 'x')
        {
            // a x n: n + 1 copies of a.
            Add(values, first, Checked(Repetitions(item[(at + 1)..], column + at + 1) + 1, column), maxValues, column);
            return;
        }

        if (item[at] is not ('+' or '-'))
        {
            throw Error(column + at, $"unexpected \"{item[at]}\" in series values");
        }

        // Only one sign: "1+-2x3" is an error in Prometheus too.
        var sign = item[at] == '-' ? -1.0 : 1.0;
        at++;
        if (at < item.Length && item[at] is '+' or '-')
        {
            throw Error(column + at, $"unexpected \"{item[at]}\" in series values");
        }

        var step = sign * ReadValue(item, ref at, column, allowStale: false).Value;
        if (at >= item.Length || item[at] != 'x')
        {
            throw Error(column + at, at >= item.Length ? "unexpected end of input in series values, expected \"x\" and a count" : $"unexpected \"{item[at]}\" in series values");
        }

        var count = Repetitions(item[(at + 1)..], column + at + 1);
        if (values.Count + (long)count + 1 > maxValues)
        {
            throw TooMany(column, maxValues);
        }

        var value = first.Value;
        values.Add(first);
        for (ulong n = 0; n < count; n++)
        {
            value += step;
            values.Add(new SeriesValue(value, Omitted: false));
        }
    }

    // A number with an optional sign, Inf/NaN in any case, or "stale" (exactly, unsigned, where allowed).
    private static SeriesValue ReadValue(ReadOnlySpan<char> item, ref int at, int column, bool allowStale)
    {
        var start = at;
        if (at < item.Length && item[at] is '+' or '-')
        {
            at++;
        }

        if (at < item.Length && char.IsAsciiLetter(item[at]))
        {
            var wordStart = at;
            while (at < item.Length && (char.IsAsciiLetterOrDigit(item[at]) || item[at] == '_'))
            {
                at++;
            }

            var word = item[wordStart..at];
            var signed = wordStart > start;
            if (word.Equals("inf", StringComparison.OrdinalIgnoreCase))
            {
                return new SeriesValue(signed && item[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity, Omitted: false);
            }

            if (word.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                return new SeriesValue(double.NaN, Omitted: false);
            }

            if (allowStale && !signed && word.SequenceEqual("stale"))
            {
                return SeriesValue.Stale;
            }

            throw Error(column + wordStart, $"unexpected identifier \"{word}\" in series values, expected number or \"stale\"");
        }

        var numberStart = at;
        while (at < item.Length && char.IsAsciiDigit(item[at]))
        {
            at++;
        }

        if (at < item.Length && item[at] == '.')
        {
            at++;
            while (at < item.Length && char.IsAsciiDigit(item[at]))
            {
                at++;
            }
        }

        if (at < item.Length && item[at] is 'e' or 'E')
        {
            at++;
            if (at < item.Length && item[at] is '+' or '-')
            {
                at++;
            }

            while (at < item.Length && char.IsAsciiDigit(item[at]))
            {
                at++;
            }
        }

        // The next character must end the number, unless it is the repetition's "x" (so 0x5 is five more zeros, not hex).
        var text = item[start..at];
        if (at == numberStart || (at < item.Length && item[at] != 'x' && (char.IsAsciiLetterOrDigit(item[at]) || item[at] is '_' or '.'))
            || !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            var end = at;
            while (end < item.Length && (char.IsAsciiLetterOrDigit(item[end]) || item[end] is '_' or '.'))
            {
                end++;
            }

            throw Error(column + start, start >= item.Length ? "unexpected end of input in series values" : $"bad number syntax: \"{item[start..Math.Min(item.Length, Math.Max(end, start + 1))]}\"");
        }

        return new SeriesValue(value, Omitted: false);
    }

    private static ulong Repetitions(ReadOnlySpan<char> digits, int column)
    {
        if (digits.IsEmpty)
        {
            throw Error(column, "unexpected end of input in series values, expected a repetition count after \"x\"");
        }

        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw Error(column, $"invalid repetition in series values: \"{digits}\"");
        }

        return count;
    }

    private static ulong Checked(ulong count, int column) => count == 0 ? throw Error(column, "repetition count too large") : count;

    private static void Add(List<SeriesValue> values, SeriesValue value, ulong count, int maxValues, int column)
    {
        if (values.Count + (decimal)count > maxValues)
        {
            throw TooMany(column, maxValues);
        }

        for (ulong n = 0; n < count; n++)
        {
            values.Add(value);
        }
    }

    private static RuleTestFormatException TooMany(int column, int maxValues) =>
        Error(column, $"series expands to more than {maxValues} values");

    // Columns count from 1, as promtool's "1:5: parse error" does.
    private static RuleTestFormatException Error(int column, string message) => new($"column {column + 1}: {message}");
}
