using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>
/// Operator precedence and associativity as Prometheus defines them: or &lt; and/unless &lt; comparisons &lt; + - &lt;
/// * / % atan2 &lt; ^; all left-associative but ^; unary minus binds like * (so -2^2 is -(2^2)); offset, @ and
/// ranges bind tighter than any operator. Written parentheses show as [ ].
/// </summary>
public class PromqlParserPrecedenceTests
{
    [Theory]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c", "((a * b) + c)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b / c", "((a / b) / c)")]
    [InlineData("a ^ b ^ c", "(a ^ (b ^ c))")]
    [InlineData("a * b ^ c", "(a * (b ^ c))")]
    [InlineData("a ^ b * c", "((a ^ b) * c)")]
    [InlineData("a % b atan2 c", "((a % b) atan2 c)")]
    [InlineData("a + b atan2 c", "(a + (b atan2 c))")]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c", "((a and b) or c)")]
    [InlineData("a unless b and c", "((a unless b) and c)")]
    [InlineData("a or b unless c", "(a or (b unless c))")]
    [InlineData("a > b + c", "(a > (b + c))")]
    [InlineData("a + b > c", "((a + b) > c)")]
    [InlineData("a == b != c", "((a == b) != c)")]
    [InlineData("a > bool b and c", "((a > bool b) and c)")]
    [InlineData("a and b > c", "(a and (b > c))")]
    [InlineData("a or b == bool c + d * e ^ f ^ g", "(a or (b == bool (c + (d * (e ^ (f ^ g))))))")]
    [InlineData("(a + b) * c", "([(a + b)] * c)")]
    [InlineData("a * (b + c)", "(a * [(b + c)])")]
    [InlineData("-a", "(-a)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("-a + b", "((-a) + b)")]
    [InlineData("-a ^ b", "(-(a ^ b))")]
    [InlineData("-2 ^ 2", "(-(2 ^ 2))")]
    [InlineData("2 ^ -2", "(2 ^ -2)")]
    [InlineData("2 ^ -a ^ b", "(2 ^ (-(a ^ b)))")]
    [InlineData("a + -b * c", "(a + ((-b) * c))")]
    [InlineData("- - a", "(-(-a))")]
    [InlineData("-a offset 5m", "(-a offset 5m)")]
    [InlineData("a + b offset 5m", "(a + b offset 5m)")]
    [InlineData("a + b @ 10", "(a + b @ 10.000)")]
    [InlineData("sum(a) by (x) / on(x) group_left sum(b) by (x)", "(sum by (x) (a) / sum by (x) (b))")]
    [InlineData("a + on(x) b * c", "(a + (b * c))")]
    public void Parse_Operators_GroupAsPrometheus(string query, string grouped)
    {
        Assert.Equal(grouped, Grouping.Show(PromqlParser.Parse(query)));
    }
}
