using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class CounterFunctionsTests
{
    private static Sample[] Points(params double[] values) => [.. values.Select((v, i) => new Sample(i * 1_000L, v))];

    [Fact]
    public void Resets_CountsDrops()
    {
        Assert.Equal(2, CounterFunctions.Resets(Points(1, 5, 2, 2, 8, 0)));
        Assert.Equal(0, CounterFunctions.Resets(Points(7)));
        Assert.Null(CounterFunctions.Resets([]));
    }

    [Fact]
    public void Changes_NaNToNaNIsNoChange()
    {
        Assert.Equal(3, CounterFunctions.Changes(Points(1, 1, 2, double.NaN, double.NaN, 2)));
        Assert.Null(CounterFunctions.Changes([]));
    }
}
