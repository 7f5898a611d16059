using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Scrape.Internal.Exposition;

internal ref partial struct ExpositionReader
{
    // Each name's type at the same index; 0.0.4's "untyped" is Prometheus's "unknown".
    private static readonly string[] s_textTypes = ["counter", "gauge", "histogram", "summary", "untyped"];
    private static readonly MetricType[] s_textTypeValues = [MetricType.Counter, MetricType.Gauge, MetricType.Histogram, MetricType.Summary, MetricType.Unknown];
    private static readonly string[] s_openMetricsTypes = ["counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown"];
    private static readonly MetricType[] s_openMetricsTypeValues =
        [MetricType.Counter, MetricType.Gauge, MetricType.Histogram, MetricType.GaugeHistogram, MetricType.StateSet, MetricType.Info, MetricType.Summary, MetricType.Unknown];

    /// <summary>0.0.4: <c># HELP</c> and <c># TYPE</c> are checked; any other comment is free text.</summary>
    private readonly void ReadTextComment(ReadOnlySpan<char> comment)
    {
        var isHelp = comment.StartsWith("HELP", StringComparison.Ordinal);
        if (!(isHelp || comment.StartsWith("TYPE", StringComparison.Ordinal)) || (comment.Length > 4 && comment[4] is not (' ' or '\t')))
        {
            return;
        }

        var rest = comment[4..].TrimStart(" \t");
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0 || (nameLength < rest.Length && rest[nameLength] is not (' ' or '\t')))
        {
            throw Fail($"expected a metric name after # {comment[..4].ToString()}");
        }

        var name = rest[..nameLength];
        if (isHelp)
        {
            _metadata?.Help(name, rest[nameLength..].TrimStart(" \t"), openMetrics: false);
            return;
        }

        var type = rest[nameLength..].Trim(" \t");
        var index = IndexOf(type, s_textTypes);
        if (index < 0)
        {
            throw Fail($"invalid metric type \"{Excerpt(type)}\"");
        }

        _metadata?.Type(name, s_textTypeValues[index]);
    }

    /// <summary>OpenMetrics: only <c># HELP</c>, <c># TYPE</c>, <c># UNIT</c> and <c># EOF</c>, single-spaced.</summary>
    private void ReadOpenMetricsComment(ReadOnlySpan<char> line)
    {
        if (line.SequenceEqual("# EOF"))
        {
            _sawEof = true;
            return;
        }

        if (line.Length < 7 || !line.StartsWith("# ", StringComparison.Ordinal) || line[6] != ' ')
        {
            throw Fail($"invalid comment \"{Excerpt(line)}\" (OpenMetrics allows # HELP, # TYPE, # UNIT and # EOF)");
        }

        var keyword = line[2..6];
        var rest = line[7..];
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0 || (nameLength < rest.Length && rest[nameLength] != ' '))
        {
            throw Fail($"expected a metric name after # {keyword.ToString()}");
        }

        var name = rest[..nameLength];
        var text = nameLength < rest.Length ? rest[(nameLength + 1)..] : [];
        switch (keyword)
        {
            case "HELP":
                _metadata?.Help(name, text, openMetrics: true);
                break;
            case "TYPE":
                var index = IndexOf(text, s_openMetricsTypes);
                if (index < 0)
                {
                    throw Fail($"invalid metric type \"{Excerpt(text)}\"");
                }

                _metadata?.Type(name, s_openMetricsTypeValues[index]);
                break;
            case "UNIT":
                if (!text.IsEmpty && !(name.EndsWith(text, StringComparison.Ordinal) && name.Length > text.Length && name[^(text.Length + 1)] == '_'))
                {
                    throw Fail($"unit \"{Excerpt(text)}\" is not a suffix of metric \"{name.ToString()}\"");
                }

                _metadata?.Unit(name, text);
                break;
            default:
                throw Fail($"invalid comment \"{Excerpt(line)}\" (OpenMetrics allows # HELP, # TYPE, # UNIT and # EOF)");
        }
    }

    private static int IndexOf(ReadOnlySpan<char> value, string[] choices)
    {
        for (var i = 0; i < choices.Length; i++)
        {
            if (value.SequenceEqual(choices[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
