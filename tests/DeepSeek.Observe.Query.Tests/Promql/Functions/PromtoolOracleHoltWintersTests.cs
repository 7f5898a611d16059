using DeepSeek.Observe.Query.Promql.Functions;
using static DeepSeek.Observe.Query.Tests.Promql.Functions.PromtoolOracleTests;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

/// <summary>holt_winters against the real Prometheus 2.42 engine (promtool test rules), exact agreement.</summary>
public sealed class PromtoolOracleHoltWintersTests
{
    [Fact]
    public async Task HoltWinters_ManyWindowsAndFactors_MatchPrometheus()
    {
        var test = new PromtoolRuleTest(TimeSpan.FromSeconds(15));
        (string Name, string Notation)[] series =
        [
            ("hw_linear", "0+7x40"),
            ("hw_irregular", "3 -2 7.5 7.5 1e3 -4.25 0.1 0.2 0.3 0.3 -1e-3 12 12 12 8 _ _ _ 9 10 -7 2.5"),
            ("hw_nan", "1 2 NaN 4 5 NaN NaN 8 9 10 Inf 12 13 -Inf 15 16 17 18 19 20"),
        ];
        foreach (var (name, notation) in series)
        {
            var points = test.AddSeries(name, notation);
            foreach (var (range, rangeMs) in new[] { ("1m", 60_000L), ("5m", 300_000L) })
            {
                foreach (var t in new[] { 60_000L, 157_000L, 300_000L })
                {
                    var window = PromtoolRuleTest.Window(points, t, rangeMs);
                    foreach (var (sf, tf) in new[] { (0.5, 0.5), (0.1, 0.9), (0.9, 0.1), (0.3, 0.7) })
                    {
                        Expect(test, $"holt_winters({name}[{range}], {Literal(sf)}, {Literal(tf)})", t, HoltWinters.Compute(window, sf, tf));
                    }
                }
            }
        }

        await AssertPrometheusAgrees(test, minimumCases: 60);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 1.5)]
    public void HoltWinters_FactorOutsideZeroOne_IsPrometheusError(double sf, double tf)
    {
        var error = Assert.Throws<PromqlFunctionException>(() => HoltWinters.Validate(sf, tf));
        Assert.StartsWith(sf is > 0 and < 1 ? "invalid trend factor" : "invalid smoothing factor", error.Message, StringComparison.Ordinal);
    }
}
