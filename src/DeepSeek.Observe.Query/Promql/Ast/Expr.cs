namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>
/// A node of a parsed PromQL expression. Nodes are immutable; <see cref="ToString"/> prints canonical PromQL, the
/// form Prometheus prints, which parses back to an equal tree.
/// </summary>
public abstract record Expr
{
    /// <summary>0-based offset of the node's first character in the query, for positioned errors.</summary>
    public int Position { get; init; }

    /// <summary>Height of the subtree; bounded by the parser so walking a tree never exhausts the stack.</summary>
    public int Depth { get; init; } = 1;

    /// <summary>What the node evaluates to.</summary>
    public abstract PromqlValueType Type { get; }

    public abstract override string ToString();
}
