using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Rewrites an RE2 pattern (Go's regexp, which Prometheus uses) into a .NET pattern that matches the same strings
/// and numbers its groups the same way. The differences that matter for label values:
/// <list type="bullet">
/// <item>.NET numbers unnamed groups before named ones; Go numbers all groups left to right. Named groups
/// (<c>(?P&lt;n&gt;…)</c>, the only form Go 1.19 accepts) become plain groups and their names are kept aside.</item>
/// <item><c>\d \w \s \b</c> are ASCII in RE2 and Unicode in .NET; they become explicit ASCII classes.</item>
/// <item><c>$</c> without (?m) is end of text in RE2 but also matches before a final newline in .NET: it becomes <c>\z</c>.</item>
/// <item>RE2-only syntax is rewritten (<c>\pL</c>, <c>[[:alpha:]]</c>, <c>\Q…\E</c>, <c>\x{…}</c>, octal escapes); .NET-only
/// syntax RE2 rejects (backreferences, lookaround, atomic groups, <c>\Z \G \k \e</c>, repeats over 1000) is rejected.</item>
/// </list>
/// Not covered: Unicode script names (<c>\p{Greek}</c>), the U (ungreedy) flag and negated POSIX classes throw;
/// <c>\D \W \S</c> inside brackets keep .NET's Unicode meaning; astral characters are two UTF-16 units to .NET.
/// </summary>
internal static class Re2Translator
{
    private const string Word = "0-9A-Za-z_";
    private const string Space = @"\t\n\f\r ";

    // RE2 refuses repeat counts above this (regexp/syntax maxRepeat).
    private const int MaxRepeat = 1000;

    private static readonly Dictionary<string, string> s_posixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = @"\x00-\x7F",
        ["blank"] = @"\t ",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["digit"] = "0-9",
        ["graph"] = @"!-~",
        ["lower"] = "a-z",
        ["print"] = @" -~",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ",
        ["upper"] = "A-Z",
        ["word"] = Word,
        ["xdigit"] = "0-9A-Fa-f",
    };

    /// <summary>Translates <paramref name="pattern"/>; throws <see cref="FormatException"/> for what RE2 (or this translation) rejects.</summary>
    public static (string Pattern, List<string?> GroupNames) Translate(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        // Index 0 is the whole match.
        var names = new List<string?> { null };
        var multiline = pattern.Contains("(?", StringComparison.Ordinal) && HasMultilineFlag(pattern);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = TranslateEscape(pattern, i, output, inClass: false);
                    break;
                case '[':
                    i = TranslateClass(pattern, i, output);
                    break;
                case '(':
                    i = TranslateGroup(pattern, i, output, names);
                    break;
                case '$':
                    output.Append(multiline ? "$" : @"\z");
                    i++;
                    break;
                case '{':
                    i = TranslateBrace(pattern, i, output);
                    break;
                default:
                    output.Append(c);
                    i++;
                    break;
            }
        }

        return (output.ToString(), names);
    }

    private static bool HasMultilineFlag(string pattern)
    {
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            for (var j = i + 2; j < pattern.Length && pattern[j] is 'i' or 'm' or 's' or 'U' or '-'; j++)
            {
                if (pattern[j] == 'm')
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int TranslateGroup(string pattern, int i, StringBuilder output, List<string?> names)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            names.Add(null);
            output.Append('(');
            return i + 1;
        }

        var rest = pattern.AsSpan(i + 2);
        if (rest.StartsWith("P<"))
        {
            var end = pattern.IndexOf('>', i + 4);
            var name = end < 0 ? string.Empty : pattern[(i + 4)..end];
            if (name.Length == 0 || !IsGroupName(name) || names.Contains(name))
            {
                throw new FormatException($"invalid named capture: {pattern[i..]}");
            }

            names.Add(name);
            output.Append('(');
            return end + 1;
        }

        // Flags: (?i) (?s) (?m), or (?i:...) scoped, with an optional '-' to clear.
        var j = i + 2;
        while (j < pattern.Length && pattern[j] is 'i' or 'm' or 's' or 'U' or '-')
        {
            if (pattern[j] == 'U')
            {
                throw new FormatException("the ungreedy flag (?U) is not supported");
            }

            j++;
        }

        if (j < pattern.Length && (pattern[j] == ')' || pattern[j] == ':') && (j > i + 2 || pattern[j] == ':'))
        {
            output.Append(pattern, i, j + 1 - i);
            return j + 1;
        }

        throw new FormatException($"invalid or unsupported Perl syntax: {pattern[i..Math.Min(pattern.Length, i + 3)]}");
    }

    private static bool IsGroupName(string name)
    {
        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static int TranslateBrace(string pattern, int i, StringBuilder output)
    {
        // {n}, {n,} or {n,m} is a repeat; anything else is a literal brace in both dialects.
        var close = pattern.IndexOf('}', i);
        if (close > i)
        {
            var body = pattern.AsSpan(i + 1, close - i - 1);
            var comma = body.IndexOf(',');
            var min = comma < 0 ? body : body[..comma];
            var max = comma < 0 ? [] : body[(comma + 1)..];
            if (min.Length > 0 && IsDigits(min) && IsDigits(max))
            {
                if (Exceeds(min) || Exceeds(max))
                {
                    throw new FormatException($"invalid repeat count: {pattern[i..(close + 1)]}");
                }

                output.Append(pattern, i, close + 1 - i);
                return close + 1;
            }
        }

        output.Append(@"\{");
        return i + 1;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Exceeds(ReadOnlySpan<char> digits) =>
        digits.Length > 0 && (digits.Length > 4 || int.Parse(digits, CultureInfo.InvariantCulture) > MaxRepeat);

    private static int TranslateClass(string pattern, int i, StringBuilder output)
    {
        output.Append('[');
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            output.Append('^');
            i++;
        }

        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            var c = pattern[i];
            first = false;
            if (c == '\\')
            {
                i = TranslateEscape(pattern, i, output, inClass: true);
            }
            else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                var name = end < 0 ? string.Empty : pattern[(i + 2)..end];
                if (!s_posixClasses.TryGetValue(name, out var ranges))
                {
                    throw new FormatException($"invalid or unsupported character class range: {pattern[i..]}");
                }

                output.Append(ranges);
                i = end + 2;
            }
            else
            {
                // '[' is literal inside an RE2 class but starts a subtraction in .NET ("[a-[b]]"); ']' first is literal.
                output.Append(c is '[' or ']' ? "\\" + c : c.ToString());
                i++;
            }
        }

        if (i >= pattern.Length)
        {
            throw new FormatException($"missing closing ]: {pattern}");
        }

        output.Append(']');
        return i + 1;
    }

    private static int TranslateEscape(string pattern, int i, StringBuilder output, bool inClass)
    {
        if (i + 1 >= pattern.Length)
        {
            throw new FormatException("trailing backslash at end of expression");
        }

        var c = pattern[i + 1];
        switch (c)
        {
            case 'd':
                output.Append(inClass ? "0-9" : "[0-9]");
                return i + 2;
            case 'D' when !inClass:
                output.Append("[^0-9]");
                return i + 2;
            case 'w':
                output.Append(inClass ? Word : $"[{Word}]");
                return i + 2;
            case 'W' when !inClass:
                output.Append($"[^{Word}]");
                return i + 2;
            case 's':
                output.Append(inClass ? Space : $"[{Space}]");
                return i + 2;
            case 'S' when !inClass:
                output.Append($"[^{Space}]");
                return i + 2;
            case 'b' when !inClass:
                output.Append($"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))");
                return i + 2;
            case 'B' when !inClass:
                output.Append($"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))");
                return i + 2;
            case 'p' or 'P' when i + 2 < pattern.Length && pattern[i + 2] != '{':
                output.Append('\\').Append(c).Append('{').Append(pattern[i + 2]).Append('}');
                return i + 3;
            case 'Q' when !inClass:
                var end = pattern.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? pattern[(i + 2)..] : pattern[(i + 2)..end];
                output.Append(System.Text.RegularExpressions.Regex.Escape(literal));
                return end < 0 ? pattern.Length : end + 2;
            case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var close = pattern.IndexOf('}', i + 3);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    || code > 0x10FFFF)
                {
                    throw new FormatException($"invalid escape sequence: {pattern[i..]}");
                }

                AppendCodePoint(output, code);
                return close + 1;
            case >= '0' and <= '7' when c == '0' || (i + 2 < pattern.Length && pattern[i + 2] is >= '0' and <= '7'):
                // Octal: up to three digits. A lone \1-\7 would be a backreference, which RE2 lacks.
                var digits = 1;
                while (digits < 3 && i + 1 + digits < pattern.Length && pattern[i + 1 + digits] is >= '0' and <= '7')
                {
                    digits++;
                }

                AppendCodePoint(output, Convert.ToInt32(pattern.Substring(i + 1, digits), 8));
                return i + 1 + digits;
            case >= '1' and <= '9' or 'Z' or 'G' or 'k' or 'e' or 'c' or 'u' or 'X' or 'K' or 'R' or 'N' or 'h' or 'H' or 'V' or 'o':
                throw new FormatException($"invalid escape sequence: \\{c}");
            default:
                output.Append('\\').Append(c);
                return i + 2;
        }
    }

    private static void AppendCodePoint(StringBuilder output, int code)
    {
        foreach (var unit in char.ConvertFromUtf32(code))
        {
            output.Append(@"\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
        }
    }
}
