using System.Globalization;

namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>Numbers as the exposition formats write them (Go's float syntax without hex floats or underscores).</summary>
internal static class ExpositionValues
{
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool TryParseFloat(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.IsEmpty || text.IndexOfAny("pP_xX") >= 0)
        {
            return false;
        }

        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Equals("Inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (unsigned.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A 0.0.4 timestamp: integer milliseconds.</summary>
    public static bool TryParseMilliseconds(ReadOnlySpan<char> text, out long milliseconds) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds);

    /// <summary>An OpenMetrics timestamp: seconds as a float, truncated to milliseconds as Prometheus 2.42 does.</summary>
    public static bool TryParseSeconds(ReadOnlySpan<char> text, out long milliseconds)
    {
        milliseconds = 0;
        if (!TryParseFloat(text, out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds * 1000) >= long.MaxValue)
        {
            return false;
        }

        milliseconds = (long)(seconds * 1000);
        return true;
    }
}
