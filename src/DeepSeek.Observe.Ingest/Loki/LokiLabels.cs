using System.Text;

namespace DeepSeek.Observe.Ingest.Loki;

/// <summary>
/// The stream labels of Loki's protobuf push: a LogQL selector of equality matchers, <c>{job="api", level="info"}</c>,
/// values in double quotes with Go's escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>). Anything else is a 400.
/// </summary>
internal static class LokiLabels
{
    public static List<KeyValuePair<string, string>> Parse(string text)
    {
        var labels = new List<KeyValuePair<string, string>>();
        var position = 0;
        SkipSpace(text, ref position);
        Expect(text, ref position, '{');
        SkipSpace(text, ref position);
        while (position < text.Length && text[position] != '}')
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var name = text[start..position];
            if (name.Length == 0)
            {
                throw Invalid(text, $"expected a label name at offset {position}");
            }

            SkipSpace(text, ref position);
            Expect(text, ref position, '=');
            SkipSpace(text, ref position);
            labels.Add(KeyValuePair.Create(name, Quoted(text, ref position)));
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                SkipSpace(text, ref position);
            }
            else if (position < text.Length && text[position] != '}')
            {
                throw Invalid(text, $"expected ',' or '}}' at offset {position}");
            }
        }

        Expect(text, ref position, '}');
        SkipSpace(text, ref position);
        return position == text.Length ? labels : throw Invalid(text, $"unexpected text after '}}' at offset {position}");
    }

    private static string Quoted(string text, ref int position)
    {
        Expect(text, ref position, '"');
        var value = new StringBuilder();
        while (position < text.Length && text[position] != '"')
        {
            var c = text[position++];
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (position == text.Length)
            {
                break;
            }

            value.Append(text[position++] switch
            {
                'n' => '\n',
                't' => '\t',
                '\\' => '\\',
                '"' => '"',
                var other => throw Invalid(text, $"unsupported escape \\{other}"),
            });
        }

        Expect(text, ref position, '"');
        return value.ToString();
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw Invalid(text, $"expected '{expected}' at offset {position}");
        }

        position++;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static IngestRejectedException Invalid(string text, string reason) =>
        IngestRejectedException.BadRequest($"invalid stream labels {(text.Length <= 200 ? text : text[..200] + "…")}: {reason}");
}
