using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Recursive-descent PromQL parser with precedence climbing for binary operators. Syntax errors throw at once;
/// the type check runs over the finished tree, as Prometheus type-checks only queries that parse.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _query;
    private readonly Lexer _tokens;
    private int _next;
    private int _recursion;

    public Parser(string query, Lexer tokens)
    {
        _query = query;
        _tokens = tokens;
    }

    public Expr ParseQuery()
    {
        if (Peek.Kind == TokenKind.EndOfInput)
        {
            throw new PromqlParseException(_query, 0, "no expression found in input");
        }

        var expr = ParseExpr(0);
        if (Peek.Kind != TokenKind.EndOfInput)
        {
            throw Unexpected();
        }

        if (TypeChecker.Check(expr) is { } typeError)
        {
            throw Error(typeError.Position, typeError.Message);
        }

        return expr;
    }

    private Token Peek => _tokens[_next];

    private Token PeekAt(int ahead) => _tokens[_next + ahead];

    private Token Next()
    {
        var token = _tokens[_next];
        if (token.Kind != TokenKind.EndOfInput)
        {
            _next++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string context, string expected) =>
        Peek.Kind == kind ? Next() : throw Unexpected(context, expected);

    private PromqlParseException Unexpected(string? context = null, string? expected = null)
    {
        var message = "unexpected " + Peek.Describe();
        if (context is not null)
        {
            message += " in " + context;
        }

        if (expected is not null)
        {
            message += ", expected " + expected;
        }

        return new PromqlParseException(_query, Peek.Position, message);
    }

    private PromqlParseException Error(int position, string message) => new(_query, position, message);

    /// <summary>Gives a new node its height and rejects trees deeper than <see cref="PromqlParser.MaxDepth"/>.</summary>
    private T Node<T>(T node, params Expr?[] children)
        where T : Expr
    {
        var depth = 1;
        foreach (var child in children)
        {
            depth = Math.Max(depth, (child?.Depth ?? 0) + 1);
        }

        return depth > PromqlParser.MaxDepth
            ? throw Error(node.Position, $"expression nested more than {PromqlParser.MaxDepth} levels deep")
            : node with { Depth = depth };
    }

    private void EnterRecursion()
    {
        if (++_recursion > PromqlParser.MaxDepth)
        {
            throw Error(Peek.Position, $"expression nested more than {PromqlParser.MaxDepth} levels deep");
        }
    }
}
