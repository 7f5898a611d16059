using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Tests.Promql.Engine;
using Microsoft.Extensions.Options;
using static DeepSeek.Observe.Query.Tests.Promql.Engine.MemorySeriesQuerier;

namespace DeepSeek.Observe.Query.Tests.Promql;

public sealed class PromqlEvaluatorTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(600);

    [Fact]
    public void Validate_GoodExpression_ReturnsNull() =>
        Assert.Null(Evaluator(new MemorySeriesQuerier()).Validate("sum by (node) (rate(x_total[5m])) > 1"));

    [Fact]
    public void Validate_BadExpression_ReturnsPrometheusPositionedError()
    {
        var error = Evaluator(new MemorySeriesQuerier()).Validate("sum(x");
        Assert.NotNull(error);
        Assert.StartsWith("1:", error, StringComparison.Ordinal);
        Assert.Contains("parse error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateInstant_Vector_ReturnsSamplesWithLabels()
    {
        var store = new MemorySeriesQuerier().Add(Labels("__name__", "temp", "gpu", "0"), 540, 30, 80, 90, 91);
        var result = Evaluator(store).EvaluateInstant("temp > 85", At, CancellationToken.None);
        var sample = Assert.Single(result);
        Assert.Equal(91, sample.Value);
        Assert.Equal("0", sample.Labels["gpu"]);
    }

    [Fact]
    public void EvaluateInstant_SampleOlderThanLookback_IsNotSeen()
    {
        var store = new MemorySeriesQuerier().Add(Labels("__name__", "temp"), 0, 30, 90);
        Assert.Empty(Evaluator(store).EvaluateInstant("temp", At, CancellationToken.None));
    }

    [Fact]
    public void EvaluateInstant_Scalar_BecomesOneUnlabelledSample()
    {
        var sample = Assert.Single(Evaluator(new MemorySeriesQuerier()).EvaluateInstant("1 + 2", At, CancellationToken.None));
        Assert.Empty(sample.Labels);
        Assert.Equal(3, sample.Value);
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("sum(")]
    public void EvaluateInstant_StringOrSyntaxError_ThrowsEvaluationException(string expression) =>
        Assert.Throws<PromqlEvaluationException>(() => Evaluator(new MemorySeriesQuerier()).EvaluateInstant(expression, At, CancellationToken.None));

    [Fact]
    public void WithQuerier_ReadsTheOtherStore()
    {
        var first = Evaluator(new MemorySeriesQuerier());
        var other = new MemorySeriesQuerier().Add(Labels("__name__", "up"), 590, 10, 1);
        Assert.Empty(first.EvaluateInstant("up", At, CancellationToken.None));
        Assert.Single(first.WithQuerier(other).EvaluateInstant("up", At, CancellationToken.None));
    }

    private static PromqlEvaluator Evaluator(MemorySeriesQuerier store) => new(store, Options.Create(new QueryOptions()));
}
