namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>A string constant (an argument of label_replace, count_values, ...), already unescaped.</summary>
public sealed record StringLiteralExpr(string Value) : Expr
{
    public override PromqlValueType Type => PromqlValueType.String;

    public override string ToString() => StringLiteral.Quote(Value);
}
