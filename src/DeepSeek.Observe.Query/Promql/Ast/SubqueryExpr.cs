namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>A subquery <c>expr[30m:1m]</c>; <see cref="StepMs"/> is null for <c>[30m:]</c> (the default resolution).</summary>
public sealed record SubqueryExpr(Expr Expr, long RangeMs, long? StepMs) : Expr
{
    public long OffsetMs { get; init; }

    public AtModifier? At { get; init; }

    public override PromqlValueType Type => PromqlValueType.Matrix;

    public override string ToString() =>
        $"{Expr}[{PromqlDuration.Format(RangeMs)}:{(StepMs is { } step ? PromqlDuration.Format(step) : string.Empty)}]"
        + AtModifier.Suffix(At, OffsetMs);
}
