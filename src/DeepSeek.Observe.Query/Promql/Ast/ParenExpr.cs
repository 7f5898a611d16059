namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>Parentheses, kept so printing reproduces the grouping the user wrote.</summary>
public sealed record ParenExpr(Expr Expr) : Expr
{
    public override PromqlValueType Type => Expr.Type;

    public override string ToString() => $"({Expr})";
}
