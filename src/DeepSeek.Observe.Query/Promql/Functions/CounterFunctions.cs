using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>resets and changes over one series' points in a window; null when there are no points.</summary>
public static class CounterFunctions
{
    /// <summary>How many times the value dropped (a counter reset).</summary>
    public static double? Resets(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        var resets = 0;
        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].Value < points[i - 1].Value)
            {
                resets++;
            }
        }

        return resets;
    }

    /// <summary>How many times the value changed; NaN followed by NaN is no change (NaN ≠ NaN would say otherwise).</summary>
    public static double? Changes(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        var changes = 0;
        for (var i = 1; i < points.Length; i++)
        {
            var current = points[i].Value;
            var previous = points[i - 1].Value;
            if (current != previous && !(double.IsNaN(current) && double.IsNaN(previous)))
            {
                changes++;
            }
        }

        return changes;
    }
}
