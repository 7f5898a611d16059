using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class RateFunctionsTests
{
    private static readonly RangeWindow s_minute = new(0, 60_000);

    [Fact]
    public void Increase_SamplesOnBothEdges_IsPlainDifference()
    {
        Sample[] points = [new(0, 0), new(15_000, 10), new(30_000, 20), new(45_000, 30), new(60_000, 40)];

        Assert.Equal(40, RateFunctions.Increase(points, s_minute));
        Assert.Equal(40 / 60.0, RateFunctions.Rate(points, s_minute));
    }

    [Fact]
    public void Increase_CounterReset_AddsValueBeforeTheDrop()
    {
        // 10 → 20 (+10), reset to 5 (+5 since the restart).
        Sample[] points = [new(0, 10), new(30_000, 20), new(60_000, 5)];

        Assert.Equal(15, RateFunctions.Increase(points, s_minute));
        Assert.Equal(-5, RateFunctions.Delta(points, s_minute));
    }

    [Fact]
    public void Increase_CounterNearZero_ExtrapolatesOnlyBackToZero()
    {
        // Slope 1 per 15 s from value 1: zero is reached 15 s before the first sample, not 30 s (the window start).
        Sample[] points = [new(30_000, 1), new(45_000, 2), new(60_000, 3)];

        Assert.Equal(3, RateFunctions.Increase(points, s_minute));
    }

    [Fact]
    public void Delta_GapBeyondThreshold_ExtrapolatesHalfAnInterval()
    {
        // 30 s to the window start exceeds 1.1 × 15 s: extend by 7.5 s only, so 2 × (30 + 7.5) / 30.
        Sample[] points = [new(30_000, 1), new(45_000, 2), new(60_000, 3)];

        Assert.Equal(2.5, RateFunctions.Delta(points, s_minute));
    }

    [Fact]
    public void Rate_FewerThanTwoPoints_NoResult()
    {
        Assert.Null(RateFunctions.Rate([new Sample(10_000, 5)], s_minute));
        Assert.Null(RateFunctions.Rate([], s_minute));
    }

    [Fact]
    public void IRate_Reset_UsesLastValueFromZero()
    {
        Sample[] points = [new(0, 3), new(5_000, 10), new(15_000, 4)];

        Assert.Equal(0.4, RateFunctions.IRate(points));
        Assert.Equal(-6, RateFunctions.IDelta(points));
    }

    [Fact]
    public void IRate_SingleOrSameTimestamp_NoResult()
    {
        Assert.Null(RateFunctions.IRate([new Sample(0, 1)]));
        Assert.Null(RateFunctions.IDelta([new Sample(5, 1), new Sample(5, 2)]));
    }

    [Fact]
    public void RangeWindow_ClosedAtBothEnds()
    {
        var window = new RangeWindow(1_000, 2_000);

        Assert.True(window.Contains(1_000));
        Assert.True(window.Contains(2_000));
        Assert.False(window.Contains(999));
        Assert.Equal(1.0, window.RangeSeconds);
    }
}
