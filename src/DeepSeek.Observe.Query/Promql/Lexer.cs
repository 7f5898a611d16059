namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Splits a query into tokens with the modes of Prometheus's lexer: inside braces only label names, matching
/// operators and strings exist; right after <c>[</c> a duration is expected; keywords are case-insensitive.
/// Tokens are produced on demand, so a syntax error is reported before a lexical error further right, as in
/// Prometheus.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _position;
    private int _parenDepth;
    private bool _braceOpen;
    private bool _bracketOpen;
    private bool _gotColon;

    public Lexer(string text) => _text = text;

    /// <summary>Token <paramref name="index"/>; past the end of input, the end-of-input token.</summary>
    public Token this[int index]
    {
        get
        {
            while (_tokens.Count <= index && (_tokens.Count == 0 || _tokens[^1].Kind != TokenKind.EndOfInput))
            {
                Step();
            }

            return _tokens[Math.Min(index, _tokens.Count - 1)];
        }
    }

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private bool AtEnd => _position >= _text.Length;

    private void Emit(TokenKind kind, int start) => _tokens.Add(new Token(kind, _text[start.._position], start));

    private PromqlParseException Error(int position, string message) => new(_text, position, message);

    private void Step()
    {
        if (_braceOpen)
        {
            LexInsideBraces();
            return;
        }

        SkipSpaceAndComments();
        if (AtEnd)
        {
            if (_parenDepth != 0)
            {
                throw Error(_position, "unclosed left parenthesis");
            }

            if (_bracketOpen)
            {
                throw Error(_position, "unclosed left bracket");
            }

            _tokens.Add(new Token(TokenKind.EndOfInput, string.Empty, _position));
            return;
        }

        LexStatement();
    }

    private void LexStatement()
    {
        var start = _position;
        var c = _text[_position++];
        switch (c)
        {
            case ',': Emit(TokenKind.Comma, start); break;
            case '*': Emit(TokenKind.Mul, start); break;
            case '/': Emit(TokenKind.Div, start); break;
            case '%': Emit(TokenKind.Mod, start); break;
            case '+': Emit(TokenKind.Add, start); break;
            case '-': Emit(TokenKind.Sub, start); break;
            case '^': Emit(TokenKind.Pow, start); break;
            case '@': Emit(TokenKind.At, start); break;
            case '=':
                if (Peek() == '=')
                {
                    _position++;
                    Emit(TokenKind.EqualEqual, start);
                }
                else if (Peek() == '~')
                {
                    throw Error(start, "unexpected character after '=': '~'");
                }
                else
                {
                    Emit(TokenKind.Assign, start);
                }

                break;
            case '!':
                if (Peek() != '=')
                {
                    throw Error(start, $"unexpected character after '!': {Describe(Peek())}");
                }

                _position++;
                Emit(TokenKind.NotEqual, start);
                break;
            case '<' or '>':
                var orEqual = Peek() == '=';
                if (orEqual)
                {
                    _position++;
                }

                Emit(c == '<' ? (orEqual ? TokenKind.LessEqual : TokenKind.Less) : (orEqual ? TokenKind.GreaterEqual : TokenKind.Greater), start);
                break;
            case '"' or '\'':
                LexString(start, c);
                break;
            case '`':
                LexRawString(start);
                break;
            case '(':
                _parenDepth++;
                Emit(TokenKind.LeftParen, start);
                break;
            case ')':
                if (--_parenDepth < 0)
                {
                    // Prometheus reports this just after the parenthesis.
                    throw Error(_position, "unexpected right parenthesis ')'");
                }

                Emit(TokenKind.RightParen, start);
                break;
            case '{':
                _braceOpen = true;
                Emit(TokenKind.LeftBrace, start);
                break;
            case '}':
                throw Error(start, "unexpected character: '}'");
            case '[':
                LexLeftBracket(start);
                break;
            case ']':
                if (!_bracketOpen)
                {
                    throw Error(start, "unexpected right bracket ']'");
                }

                _bracketOpen = false;
                Emit(TokenKind.RightBracket, start);
                break;
            case ':' when _bracketOpen:
                if (_gotColon)
                {
                    throw Error(start, "unexpected colon ':'");
                }

                _gotColon = true;
                Emit(TokenKind.Colon, start);
                break;
            case var digit when char.IsAsciiDigit(digit) || (digit == '.' && char.IsAsciiDigit(Peek())):
                _position = start;
                LexNumberOrDuration(start);
                break;
            case var letter when IsAlpha(letter) || letter == ':':
                LexWord(start);
                break;
            default:
                throw Error(start, $"unexpected character: {Describe(c)}");
        }
    }

    private void LexLeftBracket(int start)
    {
        if (_bracketOpen)
        {
            throw Error(start, "unexpected left bracket '['");
        }

        _bracketOpen = true;
        _gotColon = false;
        Emit(TokenKind.LeftBracket, start);
        SkipSpaceAndComments();
        var durationStart = _position;
        if (ScanNumber())
        {
            throw Error(durationStart, "missing unit character in duration");
        }

        if (!AcceptRemainingDuration())
        {
            throw Error(durationStart, $"bad duration syntax: \"{_text[durationStart.._position]}\"");
        }

        Emit(TokenKind.Duration, durationStart);
    }

    private void LexWord(int start)
    {
        while (!AtEnd && (IsAlphaNumeric(_text[_position]) || _text[_position] == ':'))
        {
            _position++;
        }

        var word = _text[start.._position];
        if (Keywords.TryGet(word, out var kind))
        {
            Emit(kind, start);
        }
        else
        {
            Emit(word.Contains(':', StringComparison.Ordinal) ? TokenKind.MetricIdentifier : TokenKind.Identifier, start);
        }
    }

    private void SkipSpaceAndComments()
    {
        while (!AtEnd)
        {
            var c = _text[_position];
            if (IsSpace(c))
            {
                _position++;
            }
            else if (c == '#')
            {
                while (!AtEnd && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    internal static bool IsAlpha(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static bool IsAlphaNumeric(char c) => IsAlpha(c) || char.IsAsciiDigit(c);

    private static string Describe(char c) => c == '\0' ? "end of input" : $"'{c}'";
}
