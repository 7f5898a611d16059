using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class OverTimeFunctionsTests
{
    private static Sample[] Points(params double[] values) => [.. values.Select((v, i) => new Sample(i * 1_000L, v))];

    [Fact]
    public void Sum_Compensated_KeepsSmallTerms()
    {
        // Plain summation loses the 1 next to 1e16 and returns 0.
        Assert.Equal(1, OverTimeFunctions.Sum(Points(1e16, 1, -1e16)));
        Assert.Equal(double.PositiveInfinity, OverTimeFunctions.Sum(Points(double.PositiveInfinity, 1)));
    }

    [Fact]
    public void Avg_HugeValues_DoNotOverflow()
    {
        Assert.Equal(1e308, OverTimeFunctions.Avg(Points(1e308, 1e308)));
        Assert.Equal(2.5, OverTimeFunctions.Avg(Points(1, 2, 3, 4)));
    }

    [Fact]
    public void Avg_Infinities_StayInfiniteUntilOppositeOrNaN()
    {
        Assert.Equal(double.PositiveInfinity, OverTimeFunctions.Avg(Points(double.PositiveInfinity, 1, double.PositiveInfinity)));
        Assert.Equal(double.NaN, OverTimeFunctions.Avg(Points(double.PositiveInfinity, double.NegativeInfinity)));
    }

    [Fact]
    public void MinMax_NaNReplacedByLaterNumber()
    {
        Assert.Equal(1, OverTimeFunctions.Min(Points(double.NaN, 1, 2)));
        Assert.Equal(2, OverTimeFunctions.Max(Points(double.NaN, 1, 2)));
        // A NaN after a number is never smaller or larger: it is skipped.
        Assert.Equal(1, OverTimeFunctions.Min(Points(1, double.NaN)));
        Assert.Equal(double.NaN, OverTimeFunctions.Max(Points(double.NaN)));
    }

    [Fact]
    public void StdDevStdVar_PopulationStatistics()
    {
        var points = Points(2, 4, 4, 4, 5, 5, 7, 9);

        Assert.Equal(4, OverTimeFunctions.StdVar(points));
        Assert.Equal(2, OverTimeFunctions.StdDev(points));
        Assert.Equal(0, OverTimeFunctions.StdVar(Points(3)));
    }

    [Fact]
    public void Quantile_InterpolatesAndClampsPhi()
    {
        var points = Points(4, 1, 3, 2);

        Assert.Equal(2.5, OverTimeFunctions.QuantileOverTime(0.5, points));
        Assert.Equal(1.75, OverTimeFunctions.QuantileOverTime(0.25, points));
        Assert.Equal(double.NegativeInfinity, OverTimeFunctions.QuantileOverTime(-0.1, points));
        Assert.Equal(double.PositiveInfinity, OverTimeFunctions.QuantileOverTime(1.1, points));
        Assert.Equal(double.NaN, OverTimeFunctions.QuantileOverTime(double.NaN, points));
    }

    [Fact]
    public void Quantile_LargeWindow_UsesPooledBuffer()
    {
        var points = Points([.. Enumerable.Range(0, 5_001).Select(i => (double)(5_000 - i))]);

        Assert.Equal(2_500, OverTimeFunctions.QuantileOverTime(0.5, points));
    }

    [Fact]
    public void CountLastPresent_EmptyWindow_NoResult()
    {
        Assert.Null(OverTimeFunctions.Count([]));
        Assert.Null(OverTimeFunctions.Last([]));
        Assert.Null(OverTimeFunctions.Present([]));
        Assert.Null(OverTimeFunctions.Sum([]));
        Assert.Equal(3, OverTimeFunctions.Count(Points(1, 2, 3)));
        Assert.Equal(3, OverTimeFunctions.Last(Points(1, 2, 3)));
        Assert.Equal(1, OverTimeFunctions.Present(Points(7)));
    }

    [Fact]
    public void Timestamp_MillisecondsToSeconds()
    {
        Assert.Equal(1700000000.123, OverTimeFunctions.Timestamp(1700000000123));
    }
}
