using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Parses PromQL as Prometheus 2.42 does: the same grammar, operator precedence, keywords usable as metric names,
/// function signatures and type checks, with Prometheus-style positioned errors (<see cref="PromqlParseException"/>).
/// Input is bounded in length and nesting, so hostile queries fail with a parse error rather than exhausting the stack.
/// </summary>
public static class PromqlParser
{
    /// <summary>Longest query accepted, in characters; far beyond any dashboard or alert expression.</summary>
    public const int MaxQueryLength = 64 * 1024;

    /// <summary>
    /// Deepest expression tree accepted (parentheses, operands of operator chains, call arguments). Generous for real
    /// queries (long <c>or</c> chains of dashboards stay far below), small enough that recursive walks over the tree
    /// fit easily in a 1 MiB thread stack.
    /// </summary>
    public const int MaxDepth = 500;

    public static Expr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > MaxQueryLength)
        {
            throw new PromqlParseException(query, 0, $"query is {query.Length} characters long, more than the limit of {MaxQueryLength}");
        }

        return new Parser(query, new Lexer(query)).ParseQuery();
    }
}
