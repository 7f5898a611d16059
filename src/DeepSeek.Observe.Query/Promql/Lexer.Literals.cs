namespace DeepSeek.Observe.Query.Promql;

/// <summary>Numbers, durations, strings and the inside of label braces.</summary>
internal sealed partial class Lexer
{
    private void LexNumberOrDuration(int start)
    {
        if (ScanNumber())
        {
            Emit(TokenKind.Number, start);
            return;
        }

        if (AcceptRemainingDuration())
        {
            Emit(TokenKind.Duration, start);
            return;
        }

        throw Error(start, $"bad number or duration syntax: \"{_text[start.._position]}\"");
    }

    // A number ends at the first character that cannot continue it; if that character is alphanumeric the text
    // is not a number (it may still be a duration such as 5m, which the caller tries next).
    private bool ScanNumber()
    {
        var hex = false;
        if (Accept('0') && (Accept('x') || Accept('X')))
        {
            hex = true;
        }

        AcceptDigits(hex);
        if (Accept('.'))
        {
            AcceptDigits(hex);
        }

        if (Accept('e') || Accept('E'))
        {
            _ = Accept('+') || Accept('-');
            AcceptDigits(hex: false);
        }

        return !IsAlphaNumeric(Peek());
    }

    // Units are checked loosely here (bad combinations such as 1ms1s are caught when the duration is parsed), as in
    // Prometheus, so that the error names the whole duration.
    private bool AcceptRemainingDuration()
    {
        if (!AcceptAny("smhdwy"))
        {
            return false;
        }

        Accept('s');
        while (char.IsAsciiDigit(Peek()))
        {
            AcceptDigits(hex: false);
            if (!AcceptAny("smhdw"))
            {
                return false;
            }

            Accept('s');
        }

        if (IsAlphaNumeric(Peek()))
        {
            _position++;
            return false;
        }

        return true;
    }

    private void LexString(int start, char quote)
    {
        while (true)
        {
            if (AtEnd || _text[_position] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }

            var c = _text[_position++];
            if (c == quote)
            {
                break;
            }

            if (c == '\\')
            {
                StringLiteral.CheckEscape(_text, ref _position, quote, message => Error(start, message));
            }
        }

        Emit(TokenKind.String, start);
    }

    private void LexRawString(int start)
    {
        var end = _text.IndexOf('`', _position);
        if (end < 0)
        {
            throw Error(start, "unterminated raw string");
        }

        _position = end + 1;
        Emit(TokenKind.String, start);
    }

    private void LexInsideBraces()
    {
        SkipSpaceAndComments();
        if (AtEnd)
        {
            throw Error(_position, "unexpected end of input inside braces");
        }

        var start = _position;
        var c = _text[_position++];
        switch (c)
        {
            case var letter when IsAlpha(letter):
                while (!AtEnd && IsAlphaNumeric(_text[_position]))
                {
                    _position++;
                }

                Emit(TokenKind.Identifier, start);
                break;
            case ',':
                Emit(TokenKind.Comma, start);
                break;
            case '"' or '\'':
                LexString(start, c);
                break;
            case '`':
                LexRawString(start);
                break;
            case '=':
                Emit(Accept('~') ? TokenKind.RegexMatch : TokenKind.Assign, start);
                break;
            case '!':
                if (Accept('~'))
                {
                    Emit(TokenKind.RegexNoMatch, start);
                }
                else if (Accept('='))
                {
                    Emit(TokenKind.NotEqual, start);
                }
                else
                {
                    throw Error(start, $"unexpected character after '!' inside braces: {Describe(Peek())}");
                }

                break;
            case '{':
                throw Error(start, "unexpected left brace '{'");
            case '}':
                _braceOpen = false;
                Emit(TokenKind.RightBrace, start);
                break;
            default:
                throw Error(start, $"unexpected character inside braces: {Describe(c)}");
        }
    }

    private bool Accept(char c)
    {
        if (Peek() != c || AtEnd)
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool AcceptAny(string chars)
    {
        if (AtEnd || !chars.Contains(_text[_position], StringComparison.Ordinal))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void AcceptDigits(bool hex)
    {
        while (!AtEnd && (hex ? char.IsAsciiHexDigit(_text[_position]) : char.IsAsciiDigit(_text[_position])))
        {
            _position++;
        }
    }
}
