using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.DependencyInjection;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The embedded time-series store through its public contracts, as receivers and the query engine use it.</summary>
public sealed class EmbeddedTsdbTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    // Stopping without the shutdown checkpoint leaves the files as kill -9 would.
    private static readonly Dictionary<string, string?> s_crashOnStop = new() { ["Storage:CheckpointOnShutdown"] = "false" };
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task AppendAsync_ThenQuery_ReturnsSamplesInRange()
    {
        await using var store = await OpenAsync();

        var result = await AppendAsync(store, Series("gpu_temp", ("Hostname", "n1")), (1000, 60), (2000, 61), (3000, 62));

        Assert.Equal(new AppendResult(3, 0, 1), result);
        Assert.Equal([new Sample(2000, 61), new Sample(3000, 62)], Querier(store).Samples(Series("gpu_temp", ("Hostname", "n1")), 1500, 5000));
    }

    [Fact]
    public async Task Series_Matchers_FollowPrometheusSemantics()
    {
        await using var store = await OpenAsync();
        await AppendAsync(store, Series("up", ("instance", "a"), ("pod", "p1")), (1000, 1));
        await AppendAsync(store, Series("up", ("instance", "b")), (1000, 1));
        await AppendAsync(store, Series("down", ("instance", "a")), (1000, 1));

        string[] Select(params LabelMatcher[] matchers) =>
            [.. Querier(store).Series(matchers, 0, 5000, 100).Select(s => s.ToString())];

        Assert.Equal(["up{instance=\"a\", pod=\"p1\"}", "up{instance=\"b\"}"], Select(Matcher("__name__", LabelMatchType.Equal, "up")));
        Assert.Equal(["up{instance=\"b\"}"], Select(Matcher("__name__", LabelMatchType.Equal, "up"), Matcher("pod", LabelMatchType.Equal, "")));
        Assert.Equal(["down{instance=\"a\"}"], Select(Matcher("__name__", LabelMatchType.Regex, "d.*")));
        Assert.Empty(Select(Matcher("__name__", LabelMatchType.Regex, "d")));
        Assert.Equal(["up{instance=\"b\"}"], Select(Matcher("__name__", LabelMatchType.Equal, "up"), Matcher("instance", LabelMatchType.NotRegex, "a")));
        Assert.Empty(Querier(store).Series([Matcher("__name__", LabelMatchType.Equal, "up")], 2000, 5000, 100));
    }

    [Fact]
    public async Task Reopen_AfterStop_ReplaysEverythingAcknowledged()
    {
        await using (var store = await OpenAsync())
        {
            for (var i = 0; i < 50; i++)
            {
                await AppendAsync(store, Series("steps", ("rank", (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture))), (1000 + i, i));
            }
        }

        await using var reopened = await OpenAsync();

        var all = Querier(reopened).Series([Matcher("__name__", LabelMatchType.Equal, "steps")], 0, long.MaxValue, 100);
        Assert.Equal(5, all.Count);
        Assert.Equal(50, all.Sum(s => Querier(reopened).Samples(s, 0, long.MaxValue).Count));
    }

    [Fact]
    public async Task AppendAsync_OutOfOrderSample_RejectsWholeWriteAndStoresNothingOfIt()
    {
        await using var store = await OpenAsync();
        await AppendAsync(store, Series("a"), (2000, 1));

        var error = await Assert.ThrowsAsync<AppendRejectedException>(() => Appender(store).AppendAsync(
            [new SeriesSamples(Series("b"), [new Sample(1000, 1)]), new SeriesSamples(Series("a"), [new Sample(1000, 2)])],
            CancellationToken.None).AsTask());

        Assert.Equal(AppendRejection.OutOfOrder, error.Reason);
        Assert.False(error.IsRetryable);
        Assert.Empty(Querier(store).Series([Matcher("__name__", LabelMatchType.Equal, "b")], 0, long.MaxValue, 10));

        // The refused write reserved nothing: a sample between the stored one and the refused one is still fine.
        Assert.Equal(1, (await AppendAsync(store, Series("a"), (3000, 3))).SamplesAppended);
    }

    [Fact]
    public async Task AppendAsync_ExactDuplicate_IsDroppedAndDifferentValueAtSameTimestampIsRejected()
    {
        await using var store = await OpenAsync();
        await AppendAsync(store, Series("a"), (1000, 1));

        var duplicate = await AppendAsync(store, Series("a"), (1000, 1));
        var error = await Assert.ThrowsAsync<AppendRejectedException>(() => AppendAsync(store, Series("a"), (1000, 2)));

        Assert.Equal(new AppendResult(0, 1, 0), duplicate);
        Assert.Equal(AppendRejection.DuplicateTimestamp, error.Reason);
        Assert.Equal([new Sample(1000, 1)], Querier(store).Samples(Series("a"), 0, 5000));
    }

    [Fact]
    public async Task AppendAsync_StaleMarker_IsStoredBitExact()
    {
        await using var store = await OpenAsync();

        await AppendAsync(store, Series("a"), (1000, 1), (2000, Sample.StaleNaN));

        Assert.True(Querier(store).Samples(Series("a"), 2000, 2000).Single().IsStaleMarker);
    }

    [Fact]
    public async Task Reopen_TornTail_KeepsEveryCompleteWrite()
    {
        await using (var store = await OpenAsync(s_crashOnStop))
        {
            await AppendAsync(store, Series("a"), (1000, 1));
            await AppendAsync(store, Series("a"), (2000, 2));
        }

        // A crash in the middle of writing a record leaves a partial one at the end of the segment.
        var segment = Directory.GetFiles(Path.Combine(_data.Path, "wal")).Single();
        await File.AppendAllTextAsync(segment, "\u0040\u0000\u0000\u0000partial");

        await using (var reopened = await OpenAsync())
        {
            Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], Querier(reopened).Samples(Series("a"), 0, 5000));
            await AppendAsync(reopened, Series("a"), (3000, 3));
        }

        await using var again = await OpenAsync();
        Assert.Equal(3, Querier(again).Samples(Series("a"), 0, 5000).Count);
    }

    [Fact]
    public async Task Reopen_CorruptRecord_KeepsWritesBeforeIt()
    {
        await using (var store = await OpenAsync(s_crashOnStop))
        {
            await AppendAsync(store, Series("a"), (1000, 1));
            await AppendAsync(store, Series("a"), (2000, 2));
            await AppendAsync(store, Series("a"), (3000, 3));
        }

        var segment = Directory.GetFiles(Path.Combine(_data.Path, "wal")).Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[^1] ^= 0xFF; // inside the last record
        await File.WriteAllBytesAsync(segment, bytes);

        await using var reopened = await OpenAsync();

        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], Querier(reopened).Samples(Series("a"), 0, 5000));
    }

    [Fact]
    public async Task AppendAsync_PastSeriesLimit_RejectsNewSeriesOnly()
    {
        await using var store = await OpenAsync(new Dictionary<string, string?> { ["Storage:MaxSeries"] = "2" });
        await AppendAsync(store, Series("a"), (1000, 1));
        await AppendAsync(store, Series("b"), (1000, 1));

        var error = await Assert.ThrowsAsync<AppendRejectedException>(() => AppendAsync(store, Series("c"), (1000, 1)));

        Assert.Equal(AppendRejection.LimitExceeded, error.Reason);
        Assert.Contains("series limit of 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await AppendAsync(store, Series("a"), (2000, 2))).SamplesAppended);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWriters_AllSamplesDurableAfterReopen()
    {
        const int Writers = 8, Writes = 40;
        await using (var store = await OpenAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < Writes; i++)
                {
                    await AppendAsync(store, Series("load", ("writer", w.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1000 + i, i));
                }
            }))).WaitAsync(s_timeout);
        }

        await using var reopened = await OpenAsync();
        var series = Querier(reopened).Series([Matcher("__name__", LabelMatchType.Equal, "load")], 0, long.MaxValue, 100);

        Assert.Equal(Writers, series.Count);
        Assert.All(series, s => Assert.Equal(Writes, Querier(reopened).Samples(s, 0, long.MaxValue).Count));
    }

    public void Dispose() => _data.Dispose();

    private Task<StoreHarness> OpenAsync(Dictionary<string, string?>? extra = null) => StoreHarness.StartEmbeddedAsync(_data.Path, extra, s_timeout);

    private static ISampleAppender Appender(StoreHarness store) => store.Services.GetRequiredService<ISampleAppender>();

    private static ISeriesQuerier Querier(StoreHarness store) => store.Services.GetRequiredService<ISeriesQuerier>();

    private static Task<AppendResult> AppendAsync(StoreHarness store, LabelSet series, params (long Timestamp, double Value)[] samples) =>
        Appender(store).AppendAsync(
            [new SeriesSamples(series, [.. samples.Select(s => new Sample(s.Timestamp, s.Value))])], CancellationToken.None)
            .AsTask()
            .WaitAsync(s_timeout);

    private static LabelSet Series(string name, params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).Append(KeyValuePair.Create("__name__", name)));

    private static LabelMatcher Matcher(string name, LabelMatchType type, string value) => LabelMatcher.Create(name, type, value);
}
