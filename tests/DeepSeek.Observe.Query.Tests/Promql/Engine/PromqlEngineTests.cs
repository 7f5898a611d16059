using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Engine;
using static DeepSeek.Observe.Query.Tests.Promql.Engine.MemorySeriesQuerier;

namespace DeepSeek.Observe.Query.Tests.Promql.Engine;

public sealed class PromqlEngineTests
{
    private readonly MemorySeriesQuerier _store = new MemorySeriesQuerier()
        // A counter scraped every 15 s from 0 to 600 s, +1 per scrape, on two instances.
        .Add(Labels("__name__", "requests_total", "instance", "a", "job", "api"), 0, 15, Enumerable.Range(0, 41).Select(i => (double)i).ToArray())
        .Add(Labels("__name__", "requests_total", "instance", "b", "job", "api"), 0, 15, Enumerable.Range(0, 41).Select(i => 2.0 * i).ToArray())
        .Add(Labels("__name__", "up", "instance", "a", "job", "api"), 0, 60, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
        .Add(Labels("__name__", "up", "instance", "b", "job", "api"), 0, 60, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)
        .Add(Labels("__name__", "info", "instance", "a", "version", "v1"), 0, 60, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
        .Add(Labels("__name__", "info", "instance", "b", "version", "v2"), 0, 60, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
        .Add(Labels("__name__", "dup_a", "x", "1"), 0, 60, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
        .Add(Labels("__name__", "dup_b", "x", "1"), 0, 60, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
        .Add(Labels("__name__", "gone"), 0, 60, 5, 6)
        .Add(Labels("__name__", "gone"), 120, 1, Sample.StaleNaN);

    private PromqlValue Instant(string query, long seconds) =>
        new PromqlEngine(_store, new EngineLimits()).Instant(PromqlParser.Parse(query), seconds * 1000, CancellationToken.None);

    private static string Show(PromqlValue value) => value.Type switch
    {
        PromqlValueType.Scalar => value.Scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Join("; ", value.Vector.Select(s => $"{s.Labels} {s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")),
    };

    [Fact]
    public void Selector_SampleWithinLookback_IsReturnedAtTheEvaluationTime()
    {
        var value = Instant("requests_total{instance=\"a\"}", 700);

        var sample = Assert.Single(value.Vector);
        Assert.Equal(40, sample.Value);
        Assert.Equal(700_000, sample.TimestampMs);
        Assert.Equal("requests_total", sample.Labels.MetricName);
    }

    [Fact]
    public void Selector_LatestSampleOlderThanLookback_SeriesIsAbsent()
    {
        Assert.Empty(Instant("requests_total", 600 + 301).Vector);
        Assert.Equal(2, Instant("requests_total", 600 + 300).Vector.Count);
    }

    [Fact]
    public void Selector_StalenessMarker_EndsTheSeriesBeforeTheLookbackRunsOut()
    {
        Assert.Equal("gone{} 6", Show(Instant("gone", 119)));
        Assert.Empty(Instant("gone", 121).Vector);
    }

    [Fact]
    public void OffsetAndAt_ShiftTheEvaluationTime()
    {
        Assert.Equal(20, Instant("requests_total{instance=\"a\"} offset 5m", 600).Vector[0].Value);
        Assert.Equal(4, Instant("requests_total{instance=\"a\"} @ 60", 600).Vector[0].Value);
    }

    [Fact]
    public void Rate_ClosedWindow_DropsTheMetricName()
    {
        var value = Instant("rate(requests_total[1m])", 600);

        Assert.Equal("{instance=\"a\", job=\"api\"} 0.06666666666666667; {instance=\"b\", job=\"api\"} 0.13333333333333333", Show(value));
    }

    [Fact]
    public void CountOverTime_WindowIsClosedAtBothEnds()
    {
        Assert.Equal(5, Instant("count_over_time(requests_total{instance=\"a\"}[1m])", 600).Vector[0].Value);
    }

    [Fact]
    public void LastOverTime_KeepsTheMetricName()
    {
        Assert.Equal("requests_total", Instant("last_over_time(requests_total{instance=\"a\"}[1m])", 600).Vector[0].Labels.MetricName);
    }

    [Fact]
    public void Aggregations_GroupByAndWithout()
    {
        Assert.Equal("{job=\"api\"} 120", Show(Instant("sum by (job) (requests_total)", 600)));
        Assert.Equal("{job=\"api\"} 2", Show(Instant("count without (instance) (requests_total)", 600)));
        Assert.Equal("{} 80", Show(Instant("max(requests_total)", 600)));
        Assert.Equal("requests_total{instance=\"b\", job=\"api\"} 80", Show(Instant("topk(1, requests_total)", 600)));
        Assert.Equal("{job=\"api\", value=\"40\"} 1; {job=\"api\", value=\"80\"} 1", Show(Instant("count_values without (instance) (\"value\", requests_total)", 600)));
    }

    [Fact]
    public void VectorScalar_ComparisonFiltersAndKeepsTheName_ArithmeticDropsIt()
    {
        Assert.Equal("up{instance=\"a\", job=\"api\"} 1", Show(Instant("up == 1", 600)));
        Assert.Equal("{instance=\"a\", job=\"api\"} 1; {instance=\"b\", job=\"api\"} 0", Show(Instant("up == bool 1", 600)));
        Assert.Equal("{instance=\"a\", job=\"api\"} 2; {instance=\"b\", job=\"api\"} 1", Show(Instant("1 + up", 600)));
        Assert.Equal("up{instance=\"a\", job=\"api\"} 1", Show(Instant("0 < up", 600)));
    }

    [Fact]
    public void VectorVector_OneToOneOnAndGroupLeft()
    {
        Assert.Equal("{instance=\"a\"} 41; {instance=\"b\"} 80", Show(Instant("requests_total + on (instance) up", 600)));
        Assert.Equal(
            "{instance=\"a\", job=\"api\", version=\"v1\"} 40; {instance=\"b\", job=\"api\", version=\"v2\"} 80",
            Show(Instant("requests_total * on (instance) group_left (version) info", 600)));
    }

    [Fact]
    public void VectorVector_DuplicatesOnTheOneSide_IsAnExecutionError()
    {
        var error = Assert.Throws<PromqlExecutionException>(() => Instant("up + on (job) requests_total", 600));
        Assert.Contains("many-to-many matching not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetOperators_AndOrUnless()
    {
        Assert.Equal("requests_total{instance=\"a\", job=\"api\"} 40", Show(Instant("requests_total and on (instance) (up == 1)", 600)));
        Assert.Equal("requests_total{instance=\"b\", job=\"api\"} 80", Show(Instant("requests_total unless on (instance) (up == 1)", 600)));
        Assert.Equal(3, Instant("up or on (instance) info or vector(1)", 600).Vector.Count);
    }

    [Fact]
    public void Functions_ScalarTimeVectorAbsentLabelReplace()
    {
        Assert.Equal("600", Show(Instant("time()", 600)));
        Assert.Equal("{} 7", Show(Instant("vector(7)", 600)));
        Assert.Equal("NaN", Show(Instant("scalar(up)", 600)));
        Assert.Equal("{job=\"x\"} 1", Show(Instant("absent(nothing{job=\"x\", a=~\"b\"})", 600)));
        Assert.Empty(Instant("absent(up)", 600).Vector);
        Assert.Equal("up{host=\"a\", instance=\"a\", job=\"api\"} 1", Show(Instant("label_replace(up{instance=\"a\"}, \"host\", \"$1\", \"instance\", \"(.*)\")", 600)));
        Assert.Equal("{instance=\"a\", job=\"api\"} 40", Show(Instant("timestamp(requests_total{instance=\"a\"}) / 15", 700)));
    }

    [Fact]
    public void Subquery_EvaluatesTheInnerExpressionAtAlignedSteps()
    {
        Assert.Equal("{instance=\"a\", job=\"api\"} 6", Show(Instant("count_over_time(up{instance=\"a\"}[5m:1m])", 600)));
    }

    [Fact]
    public void Range_ReadsEachSeriesOnceAndReturnsOnePointPerStep()
    {
        var value = new PromqlEngine(_store, new EngineLimits())
            .Range(PromqlParser.Parse("requests_total{instance=\"a\"}"), 0, 600_000, 60_000, CancellationToken.None);

        var series = Assert.Single(value.Matrix);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => 4.0 * i), series.Points.Select(p => p.Value));
        Assert.Equal(1, _store.SampleReads);
    }

    [Fact]
    public void MaxSamples_Exceeded_IsPrometheusExecutionError()
    {
        var engine = new PromqlEngine(_store, new EngineLimits(MaxSamples: 50));

        var error = Assert.Throws<PromqlExecutionException>(() =>
            engine.Instant(PromqlParser.Parse("requests_total[10m]"), 600_000, CancellationToken.None));
        Assert.Equal(EngineLimits.TooManySamples, error.Message);
    }

    [Fact]
    public void Cancellation_StopsEvaluation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new PromqlEngine(_store, new EngineLimits()).Instant(PromqlParser.Parse("up"), 600_000, cancelled.Token));
    }

    [Theory]
    [InlineData("rate({__name__=~\"dup_.*\"}[5m])")]
    [InlineData("sum(abs({__name__=~\"dup_.*\"}))")]
    [InlineData("{__name__=~\"dup_.*\"} * 2")]
    [InlineData("-{__name__=~\"dup_.*\"}")]
    public void DroppingTheName_MakesEqualSeries_IsAnExecutionError(string query)
    {
        var error = Assert.Throws<PromqlExecutionException>(() => Instant(query, 600));
        Assert.Equal("vector cannot contain metrics with the same labelset", error.Message);
    }

    [Fact]
    public void Subquery_TooManyPoints_IsBoundedByMaxSamples()
    {
        var engine = new PromqlEngine(_store, new EngineLimits(MaxSamples: 1000));

        var error = Assert.Throws<PromqlExecutionException>(() =>
            engine.Instant(PromqlParser.Parse("count_over_time(vector(1)[1d:1s])"), 600_000, CancellationToken.None));
        Assert.Equal(EngineLimits.TooManySamples, error.Message);
    }
}
