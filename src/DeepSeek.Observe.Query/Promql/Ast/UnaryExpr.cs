namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>Unary minus or plus on a non-literal (<c>-foo</c>); on a number literal the sign is folded into it.</summary>
public sealed record UnaryExpr(bool Negate, Expr Expr) : Expr
{
    public override PromqlValueType Type => Expr.Type;

    public override string ToString() => (Negate ? "-" : "+") + Expr;
}
