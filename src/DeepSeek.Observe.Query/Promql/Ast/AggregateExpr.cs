namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>
/// An aggregation: <c>sum by (a) (x)</c>, <c>topk(3, x)</c>. <see cref="Param"/> is set for topk, bottomk, quantile
/// and count_values; <see cref="Without"/> says whether <see cref="Grouping"/> lists labels to drop or to keep.
/// </summary>
public sealed record AggregateExpr(AggregationOp Op, Expr Expr, Expr? Param, IReadOnlyList<string> Grouping, bool Without) : Expr
{
    public override PromqlValueType Type => PromqlValueType.Vector;

    public override string ToString()
    {
        var grouping = Without
            ? $" without ({string.Join(", ", Grouping)}) "
            : Grouping.Count > 0 ? $" by ({string.Join(", ", Grouping)}) " : string.Empty;
        var param = Param is null ? string.Empty : $"{Param}, ";
        return $"{Op.Text()}{grouping}({param}{Expr})";
    }
}
