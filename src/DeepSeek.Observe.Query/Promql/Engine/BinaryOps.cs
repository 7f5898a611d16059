using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>One operator applied to two numbers: the value and, for comparisons, whether it holds.</summary>
internal static class BinaryOps
{
    /// <summary>Arithmetic (but, in 2.42, not atan2) and <c>bool</c> comparisons drop <c>__name__</c>; filters keep it.</summary>
    public static bool DropsMetricName(BinaryExpr bin) =>
        bin.ReturnBool || bin.Op is BinaryOperator.Add or BinaryOperator.Sub or BinaryOperator.Mul or BinaryOperator.Div or BinaryOperator.Mod or BinaryOperator.Pow;

    public static (double Value, bool Keep) Apply(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.Add => (l + r, true),
        BinaryOperator.Sub => (l - r, true),
        BinaryOperator.Mul => (l * r, true),
        BinaryOperator.Div => (l / r, true),
        // C#'s % keeps the dividend's sign, as Go's math.Mod does.
        BinaryOperator.Mod => (l % r, true),
        BinaryOperator.Pow => (Math.Pow(l, r), true),
        BinaryOperator.Atan2 => (Math.Atan2(l, r), true),
        BinaryOperator.Equal => (l, l == r),
        BinaryOperator.NotEqual => (l, l != r),
        BinaryOperator.Greater => (l, l > r),
        BinaryOperator.Less => (l, l < r),
        BinaryOperator.GreaterEqual => (l, l >= r),
        BinaryOperator.LessEqual => (l, l <= r),
        _ => throw new PromqlExecutionException($"operator {op.Text()} not allowed between these operands"),
    };
}
