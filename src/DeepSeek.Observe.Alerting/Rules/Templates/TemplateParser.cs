namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// Parses the subset of Go text/template that Prometheus alert templates use. Errors read like Go's
/// (<c>template: NAME:LINE: message</c>); features outside the subset fail here, at load time, instead of producing
/// different text than Prometheus would at evaluation time.
/// </summary>
internal sealed class TemplateParser
{
    // Go text/template control words the platform does not implement; using one is a load-time error.
    private static readonly HashSet<string> s_unsupportedKeywords = ["range", "with", "define", "template", "block", "break", "continue"];

    private readonly string _name;
    private readonly string _text;
    private readonly HashSet<string> _variables;
    private int _position;
    private int _line = 1;
    private int _depth;

    // Set by a closing "-}}": the whitespace at the start of the next text is dropped, across block boundaries.
    private bool _trimNext;

    private TemplateParser(string name, string text, IEnumerable<string> variables)
    {
        _name = name;
        _text = text;
        _variables = new HashSet<string>(variables, StringComparer.Ordinal) { "$" };
    }

    /// <summary>Most nesting of <c>if</c> blocks and parentheses; real alert templates use two or three.</summary>
    public const int MaxDepth = 50;

    public static IReadOnlyList<TemplateNode> Parse(string name, string text, IEnumerable<string> variables)
    {
        var parser = new TemplateParser(name, text, variables);
        var (nodes, end) = parser.ParseList();
        return end is null ? nodes : throw parser.Error($"unexpected {{{{{end.Value.Keyword}}}}}", end.Value.Line);
    }

    // Reads nodes until EOF or an {{else}}/{{end}}, which it returns with the tokens after the keyword.
    private (List<TemplateNode> Nodes, (string Keyword, List<ActionToken> Tail, int Line)? End) ParseList()
    {
        var nodes = new List<TemplateNode>();
        while (_position < _text.Length)
        {
            var open = _text.IndexOf("{{", _position, StringComparison.Ordinal);
            var textEnd = open < 0 ? _text.Length : open;
            var literal = _text[_position..textEnd];
            if (_trimNext)
            {
                literal = literal.TrimStart();
            }

            var trimBefore = open >= 0 && open + 3 < _text.Length && _text[open + 2] == '-' && char.IsWhiteSpace(_text[open + 3]);
            if (trimBefore)
            {
                literal = literal.TrimEnd();
            }

            if (literal.Length > 0)
            {
                nodes.Add(new TextNode(literal));
            }

            _line += CountLines(_position, textEnd);
            if (open < 0)
            {
                _position = _text.Length;
                break;
            }

            var actionLine = _line;
            var start = open + (trimBefore ? 3 : 2);
            if (SkipComment(start, out var afterComment, out _trimNext))
            {
                _line += CountLines(open, afterComment);
                _position = afterComment;
                continue;
            }

            var lexer = new ActionLexer(_text, start, message => Error(message, actionLine));
            var tokens = lexer.ReadAction();
            _line += CountLines(open, lexer.Position);
            _position = lexer.Position;
            _trimNext = lexer.TrimAfter;
            if (tokens.Count > 0 && tokens[0].Kind == ActionTokenKind.Identifier)
            {
                var keyword = tokens[0].Text;
                if (keyword is "end" or "else")
                {
                    return (nodes, (keyword, tokens.GetRange(1, tokens.Count - 1), actionLine));
                }

                if (keyword == "if")
                {
                    nodes.Add(ParseIf(tokens.GetRange(1, tokens.Count - 1), actionLine));
                    continue;
                }

                if (s_unsupportedKeywords.Contains(keyword))
                {
                    throw Error($"{{{{{keyword}}}}} is not supported by the platform's template engine", actionLine);
                }
            }

            nodes.Add(new ActionNode(ParsePipeline(tokens, actionLine, allowDeclaration: true), actionLine));
        }

        return (nodes, null);
    }

    private IfNode ParseIf(List<ActionToken> condition, int line)
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"if blocks nested deeper than {MaxDepth}", line);
        }

        if (condition.Count == 0)
        {
            throw Error("missing value for if", line);
        }

        var pipeline = ParsePipeline(condition, line, allowDeclaration: false);
        var (then, end) = ParseList();
        List<TemplateNode> otherwise = [];
        if (end is null)
        {
            throw Error("unexpected EOF", _line);
        }

        if (end.Value.Keyword == "else")
        {
            var rest = end.Value.Tail;
            if (rest.Count > 0 && rest[0] is { Kind: ActionTokenKind.Identifier, Text: "if" })
            {
                // {{else if x}} … {{end}}: one {{end}} closes the whole chain, as in Go.
                otherwise.Add(ParseIf(rest.GetRange(1, rest.Count - 1), end.Value.Line));
            }
            else
            {
                if (rest.Count > 0)
                {
                    throw Error($"unexpected \"{rest[0].Text}\" in else", end.Value.Line);
                }

                (otherwise, end) = ParseList();
                if (end is null)
                {
                    throw Error("unexpected EOF", _line);
                }

                if (end.Value.Keyword != "end")
                {
                    throw Error("expected end; found {{else}}", end.Value.Line);
                }
            }
        }

        if (end.Value.Keyword == "end" && end.Value.Tail.Count > 0)
        {
            throw Error($"unexpected \"{end.Value.Tail[0].Text}\" in end", end.Value.Line);
        }

        _depth--;
        return new IfNode(pipeline, then, otherwise, line);
    }

    private Pipeline ParsePipeline(List<ActionToken> tokens, int line, bool allowDeclaration)
    {
        string? declares = null;
        var index = 0;
        if (tokens.Count >= 2 && tokens[0].Kind == ActionTokenKind.Variable && tokens[0].Path.Count == 0
            && tokens[1].Kind is ActionTokenKind.Declare or ActionTokenKind.Assign)
        {
            if (!allowDeclaration)
            {
                throw Error("variable declarations in conditions are not supported by the platform's template engine", line);
            }

            if (tokens[1].Kind == ActionTokenKind.Assign && !_variables.Contains(tokens[0].Text))
            {
                throw Error($"undefined variable \"{tokens[0].Text}\"", line);
            }

            declares = tokens[0].Text;
            index = 2;
        }

        var pipeline = ParseCommands(tokens, ref index, line, closing: false);
        if (declares is not null)
        {
            _variables.Add(declares);
        }

        return pipeline with { Declares = declares };
    }

    private Pipeline ParseCommands(List<ActionToken> tokens, ref int index, int line, bool closing)
    {
        var commands = new List<Command>();
        var operands = new List<Operand>();
        while (index < tokens.Count)
        {
            var token = tokens[index++];
            switch (token.Kind)
            {
                case ActionTokenKind.RightParen when closing:
                    return Finish(commands, operands, line);
                case ActionTokenKind.Pipe:
                    commands.Add(Command(operands, line));
                    operands = [];
                    break;
                case ActionTokenKind.LeftParen:
                    if (++_depth > MaxDepth)
                    {
                        throw Error($"parentheses nested deeper than {MaxDepth}", line);
                    }

                    operands.Add(new PipelineOperand(ParseCommands(tokens, ref index, line, closing: true)));
                    _depth--;
                    break;
                case ActionTokenKind.Identifier:
                    operands.Add(Function(token.Text, operands.Count, line));
                    break;
                case ActionTokenKind.Field:
                    operands.Add(new PathOperand(null, token.Path));
                    break;
                case ActionTokenKind.Variable:
                    operands.Add(_variables.Contains(token.Text)
                        ? new PathOperand(token.Text, token.Path)
                        : throw Error($"undefined variable \"{token.Text}\"", line));
                    break;
                case ActionTokenKind.String or ActionTokenKind.Number:
                    operands.Add(new ConstantOperand(token.Constant));
                    break;
                default:
                    throw Error($"unexpected \"{token.Text}\" in command", line);
            }
        }

        return closing ? throw Error("unclosed left paren", line) : Finish(commands, operands, line);
    }

    private Pipeline Finish(List<Command> commands, List<Operand> operands, int line)
    {
        commands.Add(Command(operands, line));
        return new Pipeline(commands, null);
    }

    private Command Command(List<Operand> operands, int line) =>
        operands.Count == 0 ? throw Error("missing value for command", line) : new Command(operands);

    private Operand Function(string name, int position, int line)
    {
        if (name == "nil")
        {
            return position == 0 ? throw Error("nil is not a command", line) : new ConstantOperand(null);
        }

        if (TemplateFunctions.IsUnsupported(name))
        {
            throw Error($"function \"{name}\" is not supported by the platform's template engine", line);
        }

        if (!TemplateFunctions.IsDefined(name))
        {
            throw Error($"function \"{name}\" not defined", line);
        }

        return new FunctionOperand(name);
    }

    private bool SkipComment(int start, out int end, out bool trimAfter)
    {
        end = start;
        trimAfter = false;
        if (string.CompareOrdinal(_text, start, "/*", 0, 2) != 0)
        {
            return false;
        }

        var close = _text.IndexOf("*/", start + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("unclosed comment", _line);
        }

        var after = close + 2;
        if (string.CompareOrdinal(_text, after, " -}}", 0, 4) == 0)
        {
            trimAfter = true;
            end = after + 4;
            return true;
        }

        if (string.CompareOrdinal(_text, after, "}}", 0, 2) == 0)
        {
            end = after + 2;
            return true;
        }

        throw Error("comment ends before closing delimiter", _line);
    }

    private int CountLines(int from, int to)
    {
        var count = 0;
        for (var i = from; i < to && i < _text.Length; i++)
        {
            count += _text[i] == '\n' ? 1 : 0;
        }

        return count;
    }

    private TemplateException Error(string message, int line) => new($"template: {_name}:{line}: {message}");
}
