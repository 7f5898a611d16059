using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class AggregatorTests
{
    private static double Aggregate(AggregationFunction function, params double[] values)
    {
        var aggregator = new Aggregator(function);
        foreach (var v in values)
        {
            aggregator.Add(v);
        }

        return aggregator.Result;
    }

    [Fact]
    public void Avg_IncrementalMean_AvoidsOverflow()
    {
        Assert.Equal(2.5, Aggregate(AggregationFunction.Avg, 1, 2, 3, 4));
        Assert.Equal(1e308, Aggregate(AggregationFunction.Avg, 1e308, 1e308));
        Assert.Equal(double.PositiveInfinity, Aggregate(AggregationFunction.Sum, 1e308, 1e308));
    }

    [Fact]
    public void Avg_Infinities()
    {
        Assert.Equal(double.PositiveInfinity, Aggregate(AggregationFunction.Avg, double.PositiveInfinity, 1, 2));
        Assert.Equal(double.NaN, Aggregate(AggregationFunction.Avg, double.PositiveInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void Sum_Plain_NotCompensated()
    {
        // 2.42's sum aggregation is plain addition, unlike sum_over_time.
        Assert.Equal(0, Aggregate(AggregationFunction.Sum, 1e16, 1, -1e16));
    }

    [Fact]
    public void MinMax_NaNOnlyWhenAllNaN()
    {
        Assert.Equal(-3, Aggregate(AggregationFunction.Min, double.NaN, 1, -3));
        Assert.Equal(1, Aggregate(AggregationFunction.Max, double.NaN, 1, double.NaN));
        Assert.Equal(double.NaN, Aggregate(AggregationFunction.Max, double.NaN, double.NaN));
    }

    [Fact]
    public void StdVar_Welford()
    {
        Assert.Equal(4, Aggregate(AggregationFunction.StdVar, 2, 4, 4, 4, 5, 5, 7, 9));
        Assert.Equal(2, Aggregate(AggregationFunction.StdDev, 2, 4, 4, 4, 5, 5, 7, 9));
        Assert.Equal(0, Aggregate(AggregationFunction.StdDev, 42));
    }

    [Fact]
    public void CountGroup()
    {
        Assert.Equal(3, Aggregate(AggregationFunction.Count, double.NaN, 1, 2));
        Assert.Equal(1, Aggregate(AggregationFunction.Group, 7, 8));
        Assert.Equal(double.NaN, Aggregate(AggregationFunction.Sum));
    }

    [Fact]
    public void Quantile_SortsNaNFirst()
    {
        Assert.Equal(2, Quantile.Compute(0.5, [3, 1, 2]));
        Assert.Equal(double.NaN, Quantile.Compute(0, [3, double.NaN, 2]));
        Assert.Equal(3, Quantile.Compute(1, [3, double.NaN, 2]));
        Assert.Equal(double.NaN, Quantile.Compute(0.5, []));
    }
}
