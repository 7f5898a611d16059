namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>A function call, type-checked against <see cref="PromqlFunction"/>'s signature.</summary>
public sealed record FunctionCall(PromqlFunction Function, IReadOnlyList<Expr> Args) : Expr
{
    public override PromqlValueType Type => Function.ReturnType;

    public override string ToString() => $"{Function.Name}({string.Join(", ", Args)})";
}
