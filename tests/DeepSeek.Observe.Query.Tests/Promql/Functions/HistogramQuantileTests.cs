using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class HistogramQuantileTests
{
    private const double Inf = double.PositiveInfinity;

    private static double Q(double phi, params (double Le, double Count)[] buckets) =>
        HistogramQuantile.Compute(phi, [.. buckets.Select(b => new HistogramBucket(b.Le, b.Count))]);

    [Fact]
    public void Interpolates_WithinBucket()
    {
        Assert.Equal(1.5, Q(0.75, (1, 10), (2, 20), (Inf, 20)));
        // Lowest bucket: assumed to start at zero.
        Assert.Equal(0.5, Q(0.25, (1, 10), (2, 20), (Inf, 20)));
    }

    [Fact]
    public void BucketsOutOfOrder_SortedFirst()
    {
        Assert.Equal(1.5, Q(0.75, (Inf, 20), (2, 20), (1, 10)));
    }

    [Fact]
    public void RankInInfBucket_ReturnsHighestFiniteBound()
    {
        Assert.Equal(2, Q(0.9, (1, 10), (2, 15), (Inf, 20)));
    }

    [Fact]
    public void LowestBucketNotPositive_ReturnsItsBound()
    {
        Assert.Equal(-1, Q(0.1, (-1, 5), (Inf, 10)));
    }

    [Fact]
    public void NonMonotonic_CountsRaisedToRunningMaximum()
    {
        // Repaired to 10, 10, 12: rank 6 falls in the first bucket.
        Assert.Equal(0.6, Q(0.5, (1, 10), (2, 8), (Inf, 12)));
    }

    [Fact]
    public void EqualBounds_Coalesced()
    {
        // le="1" and le="1.0": counts add to 10, the same as one bucket of 10.
        Assert.Equal(Q(0.25, (1, 10), (2, 20), (Inf, 20)), Q(0.25, (1, 4), (1, 6), (2, 20), (Inf, 20)));
    }

    [Fact]
    public void Degenerate_NaN()
    {
        Assert.Equal(double.NaN, Q(0.5, (1, 10), (2, 20)));
        Assert.Equal(double.NaN, Q(0.5, (Inf, 10)));
        Assert.Equal(double.NaN, Q(0.5, (1, 0), (Inf, 0)));
        Assert.Equal(double.NaN, Q(0.5));
        Assert.Equal(double.NaN, Q(double.NaN, (1, 10), (Inf, 20)));
    }

    [Fact]
    public void PhiOutsideUnitInterval_Infinite()
    {
        Assert.Equal(double.NegativeInfinity, Q(-0.5, (1, 10), (Inf, 20)));
        Assert.Equal(double.PositiveInfinity, Q(1.01, (1, 10), (Inf, 20)));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("1e3", 1000)]
    public void TryParseUpperBound_GoFloatSpellings(string le, double expected)
    {
        Assert.True(HistogramBucket.TryParseUpperBound(le, out var bound));
        Assert.Equal(expected, bound);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData(" 1")]
    public void TryParseUpperBound_Invalid_False(string? le)
    {
        Assert.False(HistogramBucket.TryParseUpperBound(le, out _));
    }
}
