using System.Globalization;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

/// <summary>
/// Our kernels against the real Prometheus 2.42 engine (promtool test rules, see <see cref="PromtoolRuleTest"/>):
/// every expected value below is computed by our functions, and promtool passes only if Prometheus agrees exactly.
/// </summary>
public sealed class PromtoolOracleTests
{
    private const long Minute = 60_000;

    // The series (and their equivalent windows) shared by the range-function cases: counters with resets and
    // starting near zero, an irregular gauge, gaps that defeat extrapolation, and values that need compensated sums.
    private static readonly (string Name, string Notation)[] s_rangeSeries =
    [
        ("counter_linear", "0+7x40"),
        ("counter_resets", "5 10 17 3 8 20 1 1 9 30 31 32 2 5 5 5 40 41 0 0 3"),
        ("counter_near_zero", "1+50x40"),
        ("counter_high", "1000+3.3x40"),
        ("gauge_irregular", "3 -2 7.5 7.5 1e3 -4.25 0.1 0.2 0.3 0.3 -1e-3 12 12 12 8 _ _ _ 9 10 -7 2.5"),
        ("gauge_sparse", "1 _ _ _ 4 5 _ _ _ _ _ _ 7 _ _ 9 _ _ _ _ _ _ _ _ 2"),
        ("kahan", "1e16 1 -1e16 1 1 1e-3 1e16 -1e16 0.1 0.2 0.3"),
        ("constant", "4.5+0x20"),
        ("counter_negative_start", "-5+3x40"),
        ("with_nan", "1 2 NaN 4 5 NaN NaN 8 9 10 Inf 12 13 -Inf 15 16 17 18 19 20 21 22 23 24 25"),
    ];

    private static readonly (string Text, long Ms)[] s_ranges = [("1m", Minute), ("2m30s", 150_000), ("5m", 5 * Minute)];
    private static readonly long[] s_evalTimes = [Minute, (2 * Minute) + 30_000, 4 * Minute, (5 * Minute) + 7_000, 6 * Minute];

    [Fact]
    public async Task RangeFunctions_ManyWindows_MatchPrometheus()
    {
        var test = new PromtoolRuleTest(TimeSpan.FromSeconds(15));
        foreach (var (name, notation) in s_rangeSeries)
        {
            var points = test.AddSeries(name, notation);
            foreach (var (range, rangeMs) in s_ranges)
            {
                foreach (var t in s_evalTimes)
                {
                    var window = PromtoolRuleTest.Window(points, t, rangeMs);
                    var bounds = new RangeWindow(t - rangeMs, t);
                    var selector = $"{name}[{range}]";
                    Expect(test, $"rate({selector})", t, RateFunctions.Rate(window, bounds));
                    Expect(test, $"increase({selector})", t, RateFunctions.Increase(window, bounds));
                    Expect(test, $"delta({selector})", t, RateFunctions.Delta(window, bounds));
                    Expect(test, $"irate({selector})", t, RateFunctions.IRate(window));
                    Expect(test, $"idelta({selector})", t, RateFunctions.IDelta(window));
                    Expect(test, $"deriv({selector})", t, RegressionFunctions.Deriv(window));
                    Expect(test, $"predict_linear({selector}, 600)", t, RegressionFunctions.PredictLinear(window, t, 600));
                    Expect(test, $"resets({selector})", t, CounterFunctions.Resets(window));
                    Expect(test, $"changes({selector})", t, CounterFunctions.Changes(window));
                    Expect(test, $"avg_over_time({selector})", t, OverTimeFunctions.Avg(window));
                    Expect(test, $"sum_over_time({selector})", t, OverTimeFunctions.Sum(window));
                    Expect(test, $"min_over_time({selector})", t, OverTimeFunctions.Min(window));
                    Expect(test, $"max_over_time({selector})", t, OverTimeFunctions.Max(window));
                    Expect(test, $"count_over_time({selector})", t, OverTimeFunctions.Count(window));
                    // 2.42 keeps the metric name on last_over_time (unlike every other *_over_time).
                    Expect(test, $"last_over_time({selector})", t, OverTimeFunctions.Last(window), $"{{__name__=\"{name}\"}}");
                    Expect(test, $"present_over_time({selector})", t, OverTimeFunctions.Present(window));
                    Expect(test, $"stddev_over_time({selector})", t, OverTimeFunctions.StdDev(window));
                    Expect(test, $"stdvar_over_time({selector})", t, OverTimeFunctions.StdVar(window));
                    foreach (var phi in new[] { 0.0, 0.25, 0.5, 0.9, 1.0, -0.5, 1.5 })
                    {
                        Expect(test, $"quantile_over_time({Literal(phi)}, {selector})", t, OverTimeFunctions.QuantileOverTime(phi, window));
                    }
                }
            }

            foreach (var t in s_evalTimes)
            {
                // predict_linear's intercept is the evaluation time even under an offset.
                var shifted = PromtoolRuleTest.Window(points, t - 30_000, 2 * Minute);
                Expect(test, $"predict_linear({name}[2m] offset 30s, 120)", t, RegressionFunctions.PredictLinear(shifted, t, 120));
                Expect(test, $"rate({name}[2m] offset 30s)", t, RateFunctions.Rate(shifted, new RangeWindow(t - 30_000 - (2 * Minute), t - 30_000)));
                if (PromtoolRuleTest.Instant(points, t) is { } sample)
                {
                    Expect(test, $"timestamp({name})", t, OverTimeFunctions.Timestamp(sample.TimestampMs));
                }
            }
        }

        await AssertPrometheusAgrees(test, minimumCases: 1000);
    }

    [Fact]
    public async Task InstantMath_ManyValues_MatchPrometheus()
    {
        var test = new PromtoolRuleTest(TimeSpan.FromMinutes(1));
        test.AddSeries("dummy", "0");
        double[] values = [0, -0.0, 1, -1, 2.5, -2.5, 0.5, -0.5, 1.4999999999999998, 3.7, -3.7, 10, 100, 1000, 1e-7, 12345.678, 1e300, -1e-300, 7, 1e21, 0.1, 2, 8, 1024, 3, 1e15 + 0.5];
        var t = Minute / 2;
        foreach (var v in values)
        {
            var x = $"vector({Literal(v)})";
            Expect(test, $"abs({x})", t, MathFunctions.Abs(v));
            Expect(test, $"ceil({x})", t, MathFunctions.Ceil(v));
            Expect(test, $"floor({x})", t, MathFunctions.Floor(v));
            Expect(test, $"round({x})", t, MathFunctions.Round(v));
            Expect(test, $"round({x}, 0.1)", t, MathFunctions.Round(v, 0.1));
            Expect(test, $"round({x}, 5)", t, MathFunctions.Round(v, 5));
            Expect(test, $"exp({x})", t, MathFunctions.Exp(v));
            Expect(test, $"ln({x})", t, MathFunctions.Ln(v));
            Expect(test, $"log2({x})", t, MathFunctions.Log2(v));
            Expect(test, $"log10({x})", t, MathFunctions.Log10(v));
            Expect(test, $"sqrt({x})", t, MathFunctions.Sqrt(v));
            Expect(test, $"sgn({x})", t, MathFunctions.Sgn(v));
            Expect(test, $"clamp({x}, -1, 2)", t, MathFunctions.Clamp(v, -1, 2));
            Expect(test, $"clamp_min({x}, 0.5)", t, MathFunctions.ClampMin(v, 0.5));
            Expect(test, $"clamp_max({x}, 0.5)", t, MathFunctions.ClampMax(v, 0.5));
        }

        // A sweep over magnitudes for the transcendental functions, where libraries differ by an ulp.
        var random = new Random(42);
        for (var i = 0; i < 150; i++)
        {
            var v = Math.Round(Math.Pow(10, (random.NextDouble() * 12) - 6) * (1 + random.NextDouble()), 6);
            var x = $"vector({Literal(v)})";
            Expect(test, $"exp({x})", t, MathFunctions.Exp(v));
            Expect(test, $"exp(-{x})", t, MathFunctions.Exp(-v));
            Expect(test, $"ln({x})", t, MathFunctions.Ln(v));
            Expect(test, $"log2({x})", t, MathFunctions.Log2(v));
            Expect(test, $"log10({x})", t, MathFunctions.Log10(v));
        }

        // exp near the subnormal and overflow limits, where Go scales in two steps.
        foreach (var v in new[] { -708.5, -720.25, -740, -744.4, -745.2, -800, 709.5, 709.78, 709.8, 1e-300, -1e-17 })
        {
            Expect(test, $"exp(vector({Literal(v)}))", t, MathFunctions.Exp(v));
        }

        test.Expect("clamp(vector(1), 3, 2)", t);
        Assert.True(MathFunctions.ClampDropsAll(3, 2));

        double[] seconds = [0, 1700000000, 951782400, 951868799, 1709251199, -1, -86401, 4102444800, 1234567890.9, 68169600, 253402300799];
        foreach (var s in seconds)
        {
            var x = $"vector({Literal(s)})";
            Expect(test, $"year({x})", t, DateFunctions.Year(s));
            Expect(test, $"month({x})", t, DateFunctions.Month(s));
            Expect(test, $"day_of_month({x})", t, DateFunctions.DayOfMonth(s));
            Expect(test, $"day_of_week({x})", t, DateFunctions.DayOfWeek(s));
            Expect(test, $"day_of_year({x})", t, DateFunctions.DayOfYear(s));
            Expect(test, $"days_in_month({x})", t, DateFunctions.DaysInMonth(s));
            Expect(test, $"hour({x})", t, DateFunctions.Hour(s));
            Expect(test, $"minute({x})", t, DateFunctions.Minute(s));
        }

        await AssertPrometheusAgrees(test, minimumCases: 400);
    }

    [Fact]
    public async Task PromtoolRuleTest_WrongExpectation_Fails()
    {
        // The oracle must be able to fail: a one-ulp difference is a failure.
        var test = new PromtoolRuleTest(TimeSpan.FromMinutes(1));
        test.AddSeries("m", "0.1 0.2");
        test.Expect("sum_over_time(m[5m])", Minute, ("{}", 0.3));

        var (exitCode, output) = await test.RunAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("3.0000000000000004E-01", output, StringComparison.Ordinal);
    }

    internal static void Expect(PromtoolRuleTest test, string expr, long t, double? value, string labels = "{}")
    {
        if (value is { } v)
        {
            test.Expect(expr, t, (labels, v));
        }
        else
        {
            test.Expect(expr, t);
        }
    }

    internal static string Literal(double value) =>
        double.IsNegative(value) ? $"-{(-value).ToString("R", CultureInfo.InvariantCulture)}" : value.ToString("R", CultureInfo.InvariantCulture);

    internal static async Task AssertPrometheusAgrees(PromtoolRuleTest test, int minimumCases)
    {
        Assert.True(test.CaseCount >= minimumCases, $"only {test.CaseCount} cases");
        var (exitCode, output) = await test.RunAsync();
        Assert.True(exitCode == 0, $"promtool exit {exitCode}:\n{output[..Math.Min(output.Length, 20_000)]}");
    }
}
