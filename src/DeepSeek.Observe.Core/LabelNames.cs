namespace DeepSeek.Observe.Core;

/// <summary>
/// Prometheus naming rules (https://prometheus.io/docs/concepts/data_model/): metric names match
/// <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label names <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, and names starting with <c>__</c>
/// are reserved for internal use.
/// </summary>
public static class LabelNames
{
    /// <summary>The label that carries the metric name.</summary>
    public const string MetricName = "__name__";

    /// <summary>Whether <paramref name="name"/> is a legal label name.</summary>
    public static bool IsValidLabelName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a legal metric name (colons allowed, for recording rules).</summary>
    public static bool IsValidMetricName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':'))
        {
            return false;
        }

        foreach (var c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Escapes a label value the way the exposition format and PromQL print it.</summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny('\\', '"', '\n') < 0
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
