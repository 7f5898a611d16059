namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>The binary operators of PromQL.</summary>
public enum BinaryOperator
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    And,
    Or,
    Unless,
}

public static class BinaryOperatorExtensions
{
    public static bool IsComparison(this BinaryOperator op) => op is >= BinaryOperator.Equal and <= BinaryOperator.LessEqual;

    public static bool IsSetOperator(this BinaryOperator op) => op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Unless;

    /// <summary>Binding strength, loosest first: or; and unless; comparisons; + -; * / % atan2; ^.</summary>
    public static int Precedence(this BinaryOperator op) => op switch
    {
        BinaryOperator.Or => 1,
        BinaryOperator.And or BinaryOperator.Unless => 2,
        _ when op.IsComparison() => 3,
        BinaryOperator.Add or BinaryOperator.Sub => 4,
        BinaryOperator.Mul or BinaryOperator.Div or BinaryOperator.Mod or BinaryOperator.Atan2 => 5,
        _ => 6,
    };

    /// <summary><c>^</c> is the only right-associative operator: <c>2 ^ 3 ^ 2</c> is <c>2 ^ (3 ^ 2)</c>.</summary>
    public static bool IsRightAssociative(this BinaryOperator op) => op == BinaryOperator.Pow;

    public static string Text(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Sub => "-",
        BinaryOperator.Mul => "*",
        BinaryOperator.Div => "/",
        BinaryOperator.Mod => "%",
        BinaryOperator.Pow => "^",
        BinaryOperator.Atan2 => "atan2",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Greater => ">",
        BinaryOperator.Less => "<",
        BinaryOperator.GreaterEqual => ">=",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        _ => "unless",
    };
}
