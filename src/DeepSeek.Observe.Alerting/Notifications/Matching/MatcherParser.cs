using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Alerting.Notifications.Matching;

/// <summary>
/// Reads Alertmanager's string form of matchers: <c>a="b"</c>, <c>a=~"re"</c>, <c>a!=b</c> (quotes optional), and
/// lists of them separated by commas, optionally inside braces (<c>{a="b", c!~"d|e"}</c>).
/// </summary>
public static partial class MatcherParser
{
    /// <summary>Parses one entry of a <c>matchers</c> list, which may itself hold several matchers.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<Matcher> matchers, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        matchers = [];
        var body = text.Trim();
        if (body.StartsWith('{'))
        {
            if (!body.EndsWith('}'))
            {
                error = $"missing closing '}}' in \"{text}\"";
                return false;
            }

            body = body[1..^1];
        }

        var list = new List<Matcher>();
        foreach (var part in SplitOutsideQuotes(body))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            if (!TryParse(part, out var matcher, out error))
            {
                return false;
            }

            list.Add(matcher);
        }

        matchers = list;
        error = null;
        return true;
    }

    /// <summary>Parses exactly one matcher.</summary>
    public static bool TryParse(string text, out Matcher matcher, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        matcher = null!;
        var match = MatcherRegex().Match(text);
        if (!match.Success)
        {
            error = $"bad matcher format: {text}";
            return false;
        }

        var type = match.Groups[2].Value switch
        {
            "=" => MatcherType.Equal,
            "!=" => MatcherType.NotEqual,
            "=~" => MatcherType.Regex,
            _ => MatcherType.NotRegex,
        };
        if (!TryUnquote(match.Groups[3].Value, out var value, out error))
        {
            return false;
        }

        return Matcher.TryCreate(match.Groups[1].Value, type, value, out matcher, out error);
    }

    private static bool TryUnquote(string raw, out string value, out string? error)
    {
        var quoted = raw.Length > 0 && raw[0] == '"';
        if (quoted)
        {
            if (raw.Length < 2 || raw[^1] != '"')
            {
                value = string.Empty;
                error = $"matcher value is missing its closing quote: {raw}";
                return false;
            }

            raw = raw[1..^1];
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[++i];
                _ = next switch
                {
                    'n' => text.Append('\n'),
                    '"' or '\\' => text.Append(next),
                    _ => text.Append('\\').Append(next),
                };
            }
            else if (c == '"')
            {
                value = string.Empty;
                error = $"matcher value contains an unescaped double quote: {raw}";
                return false;
            }
            else
            {
                text.Append(c);
            }
        }

        value = text.ToString();
        error = null;
        return true;
    }

    private static List<string> SplitOutsideQuotes(string text)
    {
        var parts = new List<string>();
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when inQuotes:
                    i++;
                    break;
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case ',' when !inQuotes:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    [GeneratedRegex(@"^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!=|!~|=)\s*(.*?)\s*$", RegexOptions.Singleline)]
    private static partial Regex MatcherRegex();
}
