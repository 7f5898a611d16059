using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

public class InMemorySeriesStoreTests
{
    private static readonly LabelSet s_a = MetricLabels.Parse("m{gpu=\"0\"}");
    private static readonly LabelSet s_b = MetricLabels.Parse("m{gpu=\"1\"}");

    [Fact]
    public async Task AppendAsync_ThenQuery_ReturnsSamplesInRange()
    {
        var store = new InMemorySeriesStore();

        var result = await store.AppendAsync([new SeriesSamples(s_a, [new(0, 1), new(60_000, 2), new(120_000, Sample.StaleNaN)])], CancellationToken.None);

        Assert.Equal(new AppendResult(3, 0, 1), result);
        Assert.Equal([new Sample(60_000, 2)], store.Samples(s_a, 1, 60_000));
        Assert.True(store.Samples(s_a, 0, long.MaxValue)[2].IsStaleMarker);
        Assert.Empty(store.Samples(s_b, 0, long.MaxValue));
    }

    [Fact]
    public async Task Series_FiltersByMatchersAndTimeRange()
    {
        var store = new InMemorySeriesStore();
        await store.AppendAsync([new SeriesSamples(s_b, [new(0, 1)]), new SeriesSamples(s_a, [new(300_000, 1)])], CancellationToken.None);
        var matchers = new[] { LabelMatcher.Create(LabelNames.MetricName, LabelMatchType.Equal, "m") };

        Assert.Equal([s_a, s_b], store.Series(matchers, 0, 300_000, 10));
        Assert.Equal([s_a], store.Series(matchers, 1, 300_000, 10));
        Assert.Equal([s_a], store.Series(matchers, 0, 300_000, 1));
        Assert.Empty(store.Series([LabelMatcher.Create("gpu", LabelMatchType.Regex, "2|3")], 0, 300_000, 10));
    }

    [Fact]
    public async Task AppendAsync_OutOfOrderInBatch_StoresNothing()
    {
        var store = new InMemorySeriesStore();
        await store.AppendAsync([new SeriesSamples(s_a, [new(60_000, 1)])], CancellationToken.None);

        var error = await Assert.ThrowsAsync<AppendRejectedException>(async () =>
            await store.AppendAsync([new SeriesSamples(s_b, [new(0, 1)]), new SeriesSamples(s_a, [new(30_000, 1)])], CancellationToken.None));

        Assert.Equal(AppendRejection.OutOfOrder, error.Reason);
        Assert.Equal(1, store.SeriesCount);
        Assert.Equal(1, store.SampleCount);
    }

    [Fact]
    public async Task AppendAsync_SameTimestamp_DropsAnIdenticalRepeatAndRefusesAnotherValue()
    {
        var store = new InMemorySeriesStore();
        await store.AppendAsync([new SeriesSamples(s_a, [new(0, 1)])], CancellationToken.None);

        var repeat = await store.AppendAsync([new SeriesSamples(s_a, [new(0, 1)])], CancellationToken.None);
        var error = await Assert.ThrowsAsync<AppendRejectedException>(async () => await store.AppendAsync([new SeriesSamples(s_a, [new(0, 2)])], CancellationToken.None));

        Assert.Equal(new AppendResult(0, 1, 0), repeat);
        Assert.Equal(AppendRejection.DuplicateTimestamp, error.Reason);
    }

    [Fact]
    public async Task AppendAsync_OverTheLimits_IsRefusedWhole()
    {
        var store = new InMemorySeriesStore(maxSeries: 1, maxSamples: 3);
        await store.AppendAsync([new SeriesSamples(s_a, [new(0, 1), new(1, 1)])], CancellationToken.None);

        var series = await Assert.ThrowsAsync<AppendRejectedException>(async () => await store.AppendAsync([new SeriesSamples(s_b, [new(0, 1)])], CancellationToken.None));
        var samples = await Assert.ThrowsAsync<AppendRejectedException>(async () => await store.AppendAsync([new SeriesSamples(s_a, [new(2, 1), new(3, 1)])], CancellationToken.None));

        Assert.Equal(AppendRejection.LimitExceeded, series.Reason);
        Assert.Equal(AppendRejection.LimitExceeded, samples.Reason);
        Assert.Equal(2, store.SampleCount);
    }
}
