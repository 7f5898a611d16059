using System.Globalization;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Parses a series selector, the form <c>match[]</c> takes: <c>metric</c>, <c>metric{a="b", c=~"d.*"}</c> or
/// <c>{__name__="metric"}</c>. Strings may use double, single or back quotes (back quotes without escapes), as in
/// PromQL. Like Prometheus, a selector must have at least one matcher that does not match the empty string.
/// </summary>
public static class SeriesSelectorParser
{
    public static IReadOnlyList<LabelMatcher> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var matchers = new List<LabelMatcher>();
        SkipSpace(text, ref position);
        if (position < text.Length && IsMetricNameStart(text[position]))
        {
            var start = position;
            while (position < text.Length && IsMetricNameChar(text[position]))
            {
                position++;
            }

            matchers.Add(LabelMatcher.Create(LabelNames.MetricName, LabelMatchType.Equal, text[start..position]));
            SkipSpace(text, ref position);
        }

        if (position < text.Length && text[position] == '{')
        {
            position++;
            ParseMatchers(text, ref position, matchers);
        }

        SkipSpace(text, ref position);
        if (position != text.Length)
        {
            throw Error(text, position, $"unexpected character '{text[position]}'");
        }

        if (matchers.Count == 0)
        {
            throw new PromqlParseException($"parse error: \"{text}\" is not a series selector");
        }

        if (matchers.All(m => m.MatchesEmpty))
        {
            throw new PromqlParseException("vector selector must contain at least one non-empty matcher");
        }

        return matchers;
    }

    private static void ParseMatchers(string text, ref int position, List<LabelMatcher> matchers)
    {
        while (true)
        {
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == '}')
            {
                position++;
                return;
            }

            var nameStart = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var name = text[nameStart..position];
            if (!LabelNames.IsValidLabelName(name) && name != LabelNames.MetricName)
            {
                throw Error(text, nameStart, name.Length == 0 ? "expected a label name" : $"invalid label name \"{name}\"");
            }

            SkipSpace(text, ref position);
            var type = ParseOperator(text, ref position);
            SkipSpace(text, ref position);
            var value = ParseString(text, ref position);
            try
            {
                matchers.Add(LabelMatcher.Create(name, type, value));
            }
            catch (ArgumentException ex)
            {
                throw new PromqlParseException($"parse error: {ex.Message}", ex);
            }

            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            if (position < text.Length && text[position] == '}')
            {
                position++;
                return;
            }

            throw Error(text, position, "expected ',' or '}' after a label matcher");
        }
    }

    private static LabelMatchType ParseOperator(string text, ref int position)
    {
        var rest = text.AsSpan(position);
        (LabelMatchType Type, int Length)? op = rest switch
        {
            _ when rest.StartsWith("=~") => (LabelMatchType.Regex, 2),
            _ when rest.StartsWith("!~") => (LabelMatchType.NotRegex, 2),
            _ when rest.StartsWith("!=") => (LabelMatchType.NotEqual, 2),
            _ when rest.StartsWith("=") => (LabelMatchType.Equal, 1),
            _ => null,
        };
        if (op is null)
        {
            throw Error(text, position, "expected one of =, !=, =~, !~");
        }

        position += op.Value.Length;
        return op.Value.Type;
    }

    private static string ParseString(string text, ref int position)
    {
        if (position >= text.Length || text[position] is not ('"' or '\'' or '`'))
        {
            throw Error(text, position, "expected a quoted string");
        }

        var quote = text[position++];
        var value = new StringBuilder();
        while (position < text.Length && text[position] != quote)
        {
            var c = text[position++];
            if (c != '\\' || quote == '`')
            {
                value.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                break;
            }

            var escaped = text[position++];
            value.Append(escaped switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '\\' or '"' or '\'' or '`' => escaped.ToString(),
                'x' => Hex(text, position, 2),
                'u' => Hex(text, position, 4),
                _ => throw Error(text, position - 1, $"unknown escape sequence '\\{escaped}'"),
            });
            position += escaped switch { 'x' => 2, 'u' => 4, _ => 0 };
        }

        if (position >= text.Length)
        {
            throw Error(text, position, "unterminated quoted string");
        }

        position++;
        return value.ToString();
    }

    private static string Hex(string text, int position, int digits) =>
        position + digits <= text.Length
        && int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            ? ((char)code).ToString()
            : throw Error(text, position, $"invalid {digits}-digit hexadecimal escape");

    private static bool IsMetricNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsMetricNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static PromqlParseException Error(string text, int position, string message) =>
        new($"1:{position + 1}: parse error: {message} in \"{text}\"");
}
