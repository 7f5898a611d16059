namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>A range vector selector <c>metric[5m]</c>; offset and <c>@</c> live on the inner selector.</summary>
public sealed record MatrixSelector(VectorSelector Selector, long RangeMs) : Expr
{
    public override PromqlValueType Type => PromqlValueType.Matrix;

    public override string ToString() =>
        $"{Selector.SelectorText()}[{PromqlDuration.Format(RangeMs)}]{AtModifier.Suffix(Selector.At, Selector.OffsetMs)}";
}
