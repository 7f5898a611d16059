using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Engine;
using static DeepSeek.Observe.Query.Tests.Promql.Engine.MemorySeriesQuerier;

namespace DeepSeek.Observe.Query.Tests.Promql.Engine;

/// <summary>
/// Every function of the 2.42 table, with arguments of each signature type, evaluates as an instant and a range query:
/// it succeeds or fails with an execution error, never with another exception (which the API would turn into a 500).
/// </summary>
public sealed class PromqlEngineRobustnessTests
{
    private static readonly MemorySeriesQuerier s_store = new MemorySeriesQuerier()
        .Add(Labels("__name__", "m", "le", "1", "a", "x"), 0, 15, 1, 2, double.NaN, 4, double.PositiveInfinity, 6, 7, 8)
        .Add(Labels("__name__", "m", "le", "+Inf", "a", "x"), 0, 15, 2, 3, 4, 5, 6, 7, 8, 9)
        .Add(Labels("__name__", "n", "a", "y"), 0, 30, -1, 0, 1e300, -1e-300);

    public static TheoryData<string> Calls()
    {
        var data = new TheoryData<string>();
        foreach (var function in PromqlFunctions.All.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var args = function.ArgTypes.Select((type, i) => type switch
            {
                PromqlValueType.Matrix => "m[1m]",
                PromqlValueType.Scalar => i == 0 ? "0.5" : "0.3",
                PromqlValueType.String => function.Name == "label_replace" && i == 4 ? "\"(.*)\"" : "\"a\"",
                _ => "m",
            });
            data.Add($"{function.Name}({string.Join(", ", args)})");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    [InlineData("topk(-1, m)")]
    [InlineData("bottomk(1e300, m)")]
    [InlineData("quantile(NaN, m)")]
    [InlineData("count_values(\"le\", m)")]
    [InlineData("count_values(\"not a label\", m)")]
    [InlineData("m / on (a) group_left n")]
    [InlineData("m * on (a) group_right (le) n")]
    [InlineData("n + ignoring (le) m")]
    [InlineData("m and n or -m unless on () vector(1)")]
    [InlineData("sum without (le) (m) ^ 2 atan2 m")]
    [InlineData("rate(m[1m:7s] offset -30s)")]
    [InlineData("max_over_time(sum(m @ end())[5m:] @ start())")]
    [InlineData("1 / 0 % 0 > bool 1")]
    public void EveryFunction_InstantAndRange_SucceedsOrIsAnExecutionError(string query)
    {
        var expr = PromqlParser.Parse(query);
        var engine = new PromqlEngine(s_store, new EngineLimits());

        foreach (var evaluate in new Func<PromqlValue>[]
        {
            () => engine.Instant(expr, 60_000, CancellationToken.None),
            () => expr.Type is PromqlValueType.Matrix or PromqlValueType.String
                ? engine.Instant(expr, 0, CancellationToken.None)
                : engine.Range(expr, 0, 180_000, 15_000, CancellationToken.None),
        })
        {
            try
            {
                evaluate();
            }
            catch (PromqlExecutionException ex)
            {
                Assert.DoesNotContain("not supported", ex.Message, StringComparison.Ordinal);
            }
        }
    }
}
