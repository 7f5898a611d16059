namespace DeepSeek.Observe.Scrape.Internal.Exposition;

internal ref partial struct ExpositionReader
{
    private static readonly string[] s_textTypes = ["counter", "gauge", "histogram", "summary", "untyped"];
    private static readonly string[] s_openMetricsTypes = ["counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown"];

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

        if (!isHelp)
        {
            var type = rest[nameLength..].Trim(" \t");
            if (!IsOneOf(type, s_textTypes))
            {
                throw Fail($"invalid metric type \"{Excerpt(type)}\"");
            }
        }
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
                break;
            case "TYPE":
                if (!IsOneOf(text, s_openMetricsTypes))
                {
                    throw Fail($"invalid metric type \"{Excerpt(text)}\"");
                }

                break;
            case "UNIT":
                if (!text.IsEmpty && !(name.EndsWith(text, StringComparison.Ordinal) && name.Length > text.Length && name[^(text.Length + 1)] == '_'))
                {
                    throw Fail($"unit \"{Excerpt(text)}\" is not a suffix of metric \"{name.ToString()}\"");
                }

                break;
            default:
                throw Fail($"invalid comment \"{Excerpt(line)}\" (OpenMetrics allows # HELP, # TYPE, # UNIT and # EOF)");
        }
    }

    private static bool IsOneOf(ReadOnlySpan<char> value, string[] choices)
    {
        foreach (var choice in choices)
        {
            if (value.SequenceEqual(choice))
            {
                return true;
            }
        }

        return false;
    }
}
