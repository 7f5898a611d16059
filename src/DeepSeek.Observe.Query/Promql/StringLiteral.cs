using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// PromQL string literals follow Go's quoting rules: <c>\x</c> and octal escapes give bytes (so <c>"\xc3\xa9"</c>
/// is "é"), <c>\u</c>/<c>\U</c> give code points, <c>\'</c> is only valid in single quotes and <c>\"</c> only in
/// double quotes; back-quoted strings have no escapes.
/// </summary>
internal static class StringLiteral
{
    /// <summary>
    /// Validates the escape whose backslash is just before <paramref name="position"/> and moves past it; like Prometheus,
    /// errors point at the string, not into it.
    /// </summary>
    public static void CheckEscape(string text, ref int position, char quote, Func<string, PromqlParseException> error)
    {
        if (position >= text.Length)
        {
            throw error("escape sequence not terminated");
        }

        var c = text[position++];
        int digits, radix, max;
        switch (c)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\':
                return;
            case var q when q == quote:
                return;
            case 'x': (digits, radix, max) = (2, 16, 255); break;
            case 'u': (digits, radix, max) = (4, 16, 0x10FFFF); break;
            case 'U': (digits, radix, max) = (8, 16, 0x10FFFF); break;
            case >= '0' and <= '7':
                (digits, radix, max) = (3, 8, 255);
                position--;
                break;
            default:
                throw error($"unknown escape sequence U+{(int)c:X4} '{c}'");
        }

        var value = 0L;
        for (var i = 0; i < digits; i++)
        {
            if (position >= text.Length)
            {
                throw error("escape sequence not terminated");
            }

            var d = DigitValue(text[position]);
            if (d < 0 || d >= radix)
            {
                throw error($"illegal character U+{(int)text[position]:X4} '{text[position]}' in escape sequence");
            }

            value = (value * radix) + d;
            position++;
        }

        if (value > max || value is >= 0xD800 and < 0xE000)
        {
            throw error("escape sequence is an invalid Unicode code point");
        }
    }

    /// <summary>The value of a string token (quotes included), already validated by the lexer.</summary>
    public static string Unquote(string token)
    {
        var quote = token[0];
        var body = token[1..^1];
        if (quote == '`' || !body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var bytes = new List<byte>(body.Length);
        var runStart = 0;
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] != '\\')
            {
                i++;
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(body[runStart..i]));
            i++;
            var c = body[i++];
            switch (c)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case 'x': bytes.Add((byte)Number(body, ref i, 2, 16)); break;
                case 'u': AddRune(bytes, Number(body, ref i, 4, 16)); break;
                case 'U': AddRune(bytes, Number(body, ref i, 8, 16)); break;
                case >= '0' and <= '7':
                    i--;
                    bytes.Add((byte)Number(body, ref i, 3, 8));
                    break;
                default: bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); break;
            }

            runStart = i;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(body[runStart..]));
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Prints a value as a double-quoted literal that <see cref="Unquote"/> reads back unchanged.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static int Number(string body, ref int i, int digits, int radix)
    {
        var text = body.Substring(i, digits);
        i += digits;
        return radix == 16
            ? int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : Convert.ToInt32(text, 8);
    }

    private static void AddRune(List<byte> bytes, int codePoint) =>
        bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)));

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
