using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>Prints a tree with every operation parenthesised, to make the parser's grouping visible in tests.</summary>
internal static class Grouping
{
    public static string Show(Expr expr) => expr switch
    {
        BinaryExpr b => $"({Show(b.Lhs)} {b.Op.Text()}{(b.ReturnBool ? " bool" : string.Empty)} {Show(b.Rhs)})",
        UnaryExpr u => $"({(u.Negate ? "-" : "+")}{Show(u.Expr)})",
        ParenExpr p => $"[{Show(p.Expr)}]",
        _ => expr.ToString(),
    };
}
