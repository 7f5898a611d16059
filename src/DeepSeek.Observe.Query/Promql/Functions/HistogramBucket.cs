using System.Globalization;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>One classic-histogram bucket: the <c>le</c> upper bound and the cumulative count at or below it.</summary>
public readonly record struct HistogramBucket(double UpperBound, double Count)
{
    /// <summary>
    /// Parses an <c>le</c> label value as Go's strconv.ParseFloat does for the forms exporters write ("0.5", "1e3",
    /// "+Inf", "Inf", "NaN"); series whose <c>le</c> does not parse are ignored by histogram_quantile.
    /// </summary>
    public static bool TryParseUpperBound(string? le, out double upperBound)
    {
        upperBound = 0;
        if (string.IsNullOrEmpty(le) || char.IsWhiteSpace(le[0]) || char.IsWhiteSpace(le[^1]))
        {
            return false;
        }

        switch (le.ToUpperInvariant())
        {
            case "+INF" or "INF" or "+INFINITY" or "INFINITY":
                upperBound = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                upperBound = double.NegativeInfinity;
                return true;
            case "NAN":
                upperBound = double.NaN;
                return true;
        }

        // .NET accepts a few spellings Go rejects ("1,000" with AllowThousands); Float alone is the common subset.
        return double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out upperBound)
            && double.IsFinite(upperBound);
    }
}
