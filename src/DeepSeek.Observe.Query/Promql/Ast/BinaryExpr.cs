namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>
/// A binary operation. <see cref="Matching"/> is null when a side is a scalar (no vector matching happens);
/// set operations always match many-to-many. <see cref="ReturnBool"/> is the <c>bool</c> modifier of comparisons.
/// </summary>
public sealed record BinaryExpr(BinaryOperator Op, Expr Lhs, Expr Rhs, VectorMatching? Matching, bool ReturnBool) : Expr
{
    /// <summary>Offset of the operator, where Prometheus points its errors about the operator.</summary>
    public int OperatorPosition { get; init; }

    /// <summary>The matching clause as written, kept for type checking after <see cref="Matching"/> drops it.</summary>
    internal VectorMatching? WrittenMatching { get; init; }

    public override PromqlValueType Type =>
        Lhs.Type == PromqlValueType.Scalar && Rhs.Type == PromqlValueType.Scalar ? PromqlValueType.Scalar : PromqlValueType.Vector;

    public override string ToString() => $"{Lhs} {Op.Text()}{(ReturnBool ? " bool" : string.Empty)}{Matching} {Rhs}";
}
