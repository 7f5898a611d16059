using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class PrometheusFloatTests
{
    [Theory]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(100, "100")]
    [InlineData(0, "0")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatF_GoShortestFixed(double value, string expected)
    {
        Assert.Equal(expected, PrometheusFloat.FormatF(value));
        Assert.Equal(expected, CountValues.FormatValue(value));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1.5, "1.5")]
    [InlineData(123456789, "123456789")]
    [InlineData(0, "0")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void FormatJsonValue_ExponentOutsideJsRange(double value, string expected)
    {
        Assert.Equal(expected, PrometheusFloat.FormatJsonValue(value));
    }

    [Theory]
    [InlineData(1e19, "1e+19")]
    [InlineData(100000, "100000")]
    [InlineData(1234567, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    public void FormatG_GoPercentV(double value, string expected)
    {
        Assert.Equal(expected, PrometheusFloat.FormatG(value));
    }

    [Theory]
    [InlineData(1500, "1.500")]
    [InlineData(1000, "1")]
    [InlineData(1435781451781, "1435781451.781")]
    [InlineData(5, "0.005")]
    [InlineData(-1500, "-1.500")]
    public void FormatTimestamp_SecondsWithMilliseconds(long ms, string expected)
    {
        Assert.Equal(expected, PrometheusFloat.FormatTimestamp(ms));
    }

    [Fact]
    public void CountValues_InvalidLabelName_Throws()
    {
        Assert.Throws<PromqlFunctionException>(() => CountValues.ValidateLabelName("1x"));
        CountValues.ValidateLabelName("value");
    }
}
