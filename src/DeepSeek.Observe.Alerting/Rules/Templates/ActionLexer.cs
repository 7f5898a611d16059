using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// Splits the inside of one <c>{{ }}</c> into tokens, as Go's text/template lexer does for the subset the platform
/// supports; stops at the closing delimiter (with or without the <c>-</c> trim marker).
/// </summary>
internal sealed class ActionLexer(string text, int position, Func<string, TemplateException> error)
{
    public int Position { get; private set; } = position;

    /// <summary>Whether the action ended with <c>-}}</c>, which trims the whitespace after it.</summary>
    public bool TrimAfter { get; private set; }

    public List<ActionToken> ReadAction()
    {
        var tokens = new List<ActionToken>();
        while (true)
        {
            SkipSpace();
            if (Position >= text.Length)
            {
                throw error("unclosed action");
            }

            if (At("}}"))
            {
                Position += 2;
                return tokens;
            }

            if (At("-}}") && Position > 0 && char.IsWhiteSpace(text[Position - 1]))
            {
                TrimAfter = true;
                Position += 3;
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private ActionToken Next()
    {
        var c = text[Position];
        switch (c)
        {
            case '(':
                Position++;
                return Simple(ActionTokenKind.LeftParen, "(");
            case ')':
                Position++;
                return Simple(ActionTokenKind.RightParen, ")");
            case '|':
                Position++;
                return Simple(ActionTokenKind.Pipe, "|");
            case ',':
                Position++;
                return Simple(ActionTokenKind.Comma, ",");
            case ':' when At(":="):
                Position += 2;
                return Simple(ActionTokenKind.Declare, ":=");
            case '=':
                Position++;
                return Simple(ActionTokenKind.Assign, "=");
            case '"':
                return new ActionToken(ActionTokenKind.String, "string", [], QuotedString());
            case '`':
                return new ActionToken(ActionTokenKind.String, "string", [], RawString());
            case '.' when Position + 1 >= text.Length || !char.IsAsciiLetter(text[Position + 1]) && text[Position + 1] != '_':
                if (Position + 1 < text.Length && char.IsAsciiDigit(text[Position + 1]))
                {
                    return NumberToken();
                }

                Position++;
                return new ActionToken(ActionTokenKind.Field, ".", []);
            case '.':
                return new ActionToken(ActionTokenKind.Field, ".", Path());
            case '$':
                Position++;
                var name = "$" + Word();
                return new ActionToken(ActionTokenKind.Variable, name, Path());
            case '\'':
                throw error("character constants are not supported by the platform's template engine");
            default:
                if (char.IsAsciiDigit(c) || (c is '-' or '+' && Position + 1 < text.Length && char.IsAsciiDigit(text[Position + 1])))
                {
                    return NumberToken();
                }

                if (char.IsAsciiLetter(c) || c == '_')
                {
                    var word = Word();
                    return word switch
                    {
                        "true" => new ActionToken(ActionTokenKind.Number, word, [], true),
                        "false" => new ActionToken(ActionTokenKind.Number, word, [], false),
                        _ => Simple(ActionTokenKind.Identifier, word),
                    };
                }

                throw error($"unexpected \"{c}\" in command");
        }
    }

    private static ActionToken Simple(ActionTokenKind kind, string text) => new(kind, text, []);

    private bool At(string s) => string.CompareOrdinal(text, Position, s, 0, s.Length) == 0;

    private void SkipSpace()
    {
        while (Position < text.Length && char.IsWhiteSpace(text[Position]) && !At("-}}"))
        {
            Position++;
        }
    }

    private string Word()
    {
        var start = Position;
        while (Position < text.Length && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] == '_'))
        {
            Position++;
        }

        return text[start..Position];
    }

    private List<string> Path()
    {
        var path = new List<string>();
        while (Position < text.Length && text[Position] == '.' && Position + 1 < text.Length
            && (char.IsAsciiLetter(text[Position + 1]) || text[Position + 1] == '_'))
        {
            Position++;
            path.Add(Word());
        }

        return path;
    }

    private ActionToken NumberToken()
    {
        var start = Position;
        if (text[Position] is '-' or '+')
        {
            Position++;
        }

        while (Position < text.Length && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] is '.' or '_'
            || (text[Position] is '-' or '+' && text[Position - 1] is 'e' or 'E')))
        {
            Position++;
        }

        var literal = text[start..Position];
        var clean = literal.Replace("_", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new ActionToken(ActionTokenKind.Number, literal, [], integer);
        }

        var unsigned = clean.TrimStart('-', '+');
        if (unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(unsigned[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return new ActionToken(ActionTokenKind.Number, literal, [], clean.StartsWith('-') ? -hex : hex);
        }

        if (double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new ActionToken(ActionTokenKind.Number, literal, [], number);
        }

        throw error($"bad number syntax: \"{literal}\"");
    }

    private string QuotedString()
    {
        var builder = new StringBuilder();
        Position++;
        while (true)
        {
            if (Position >= text.Length || text[Position] == '\n')
            {
                throw error("unterminated quoted string");
            }

            var c = text[Position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (Position >= text.Length)
            {
                throw error("unterminated quoted string");
            }

            var escape = text[Position++];
            builder.Append(escape switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '\\' => "\\",
                '"' => "\"",
                '\'' => "'",
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'v' => "\v",
                'x' => Hex(2),
                'u' => Hex(4),
                'U' => Hex(8),
                _ => throw error($"invalid syntax: unknown escape \\{escape}"),
            });
        }
    }

    private string Hex(int digits)
    {
        if (Position + digits > text.Length
            || !int.TryParse(text.AsSpan(Position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF)
        {
            throw error("invalid syntax: bad escape in quoted string");
        }

        Position += digits;
        return char.ConvertFromUtf32(code);
    }

    private string RawString()
    {
        var end = text.IndexOf('`', Position + 1);
        if (end < 0)
        {
            throw error("unterminated raw quoted string");
        }

        var value = text[(Position + 1)..end];
        Position = end + 1;
        return value;
    }
}
