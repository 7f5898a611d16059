using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class RegressionFunctionsTests
{
    [Fact]
    public void Deriv_Line_ReturnsSlopePerSecond()
    {
        Sample[] points = [new(100_000, 5), new(110_000, 25), new(120_000, 45)];

        Assert.Equal(2, RegressionFunctions.Deriv(points));
    }

    [Fact]
    public void PredictLinear_InterceptAtEvaluationTime()
    {
        Sample[] points = [new(0, 0), new(10_000, 10), new(20_000, 20)];

        // At t = 30 s the line is at 30; 10 s later at 40.
        Assert.Equal(40, RegressionFunctions.PredictLinear(points, 30_000, 10));
    }

    [Fact]
    public void Deriv_Constant_ZeroOrNaNWhenInfinite()
    {
        Assert.Equal(0, RegressionFunctions.Deriv([new Sample(0, 0.1), new Sample(1_000, 0.1), new Sample(2_000, 0.1)]));
        Assert.Equal(double.NaN, RegressionFunctions.Deriv([new Sample(0, double.PositiveInfinity), new Sample(1_000, double.PositiveInfinity)]));
        Assert.Equal(0.1, RegressionFunctions.PredictLinear([new Sample(0, 0.1), new Sample(1_000, 0.1)], 5_000, 60));
    }

    [Fact]
    public void Deriv_OnePoint_NoResult()
    {
        Assert.Null(RegressionFunctions.Deriv([new Sample(0, 1)]));
        Assert.Null(RegressionFunctions.PredictLinear([new Sample(0, 1)], 0, 1));
    }
}
