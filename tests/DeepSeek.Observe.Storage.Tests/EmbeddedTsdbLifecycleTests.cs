using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>Checkpoints, chunk files, WAL truncation and retention of the embedded store, on a fake clock.</summary>
public sealed class EmbeddedTsdbLifecycleTests : IDisposable
{
    private const long Step = 15_000;
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(s_now);

    [Fact]
    public async Task Checkpoint_DeletesCoveredWalSegments_AndReopenKeepsEverySample()
    {
        var written = new Dictionary<LabelSet, List<Sample>>();
        await using (var store = await OpenAsync())
        {
            await WriteScrapesAsync(store, written, series: 20, scrapes: 700, start: 0);
            await store.CheckpointAsync(CancellationToken.None);

            Assert.DoesNotContain(WalSegments(), s => new FileInfo(s).Length > 0);
            Assert.Contains(Directory.GetFiles(Path.Combine(_data.Path, "chunks")), f => new FileInfo(f).Length > 0);
        }

        await using var reopened = await OpenAsync();
        AssertHolds(reopened, written);
    }

    [Fact]
    public async Task Crash_AfterCheckpoint_ReplaysTheWalOnTopOfCheckpointAndChunks()
    {
        var written = new Dictionary<LabelSet, List<Sample>>();
        await using (var store = await OpenAsync(checkpointOnShutdown: false))
        {
            await WriteScrapesAsync(store, written, series: 10, scrapes: 300, start: 0);
            await store.CheckpointAsync(CancellationToken.None);

            // Seals more chunks (queued, never flushed) and leaves their samples only in the WAL.
            await WriteScrapesAsync(store, written, series: 10, scrapes: 500, start: 300);
        }

        await using (var reopened = await OpenAsync(checkpointOnShutdown: false))
        {
            AssertHolds(reopened, written);
            await reopened.CheckpointAsync(CancellationToken.None);
            await WriteScrapesAsync(reopened, written, series: 10, scrapes: 50, start: 800);
        }

        await using var again = await OpenAsync();
        AssertHolds(again, written);
    }

    [Fact]
    public async Task Checkpoint_WithTornChunkFile_LosesNothing()
    {
        var written = new Dictionary<LabelSet, List<Sample>>();
        await using (var store = await OpenAsync(checkpointOnShutdown: false))
        {
            await WriteScrapesAsync(store, written, series: 5, scrapes: 600, start: 0);
        }

        // Chunks are only written at a checkpoint; a torn chunk record from an interrupted one must be cut off.
        var chunks = Path.Combine(_data.Path, "chunks");
        Directory.CreateDirectory(chunks);
        await File.AppendAllTextAsync(Path.Combine(chunks, "00000000"), "\u0020\u0000\u0000\u0000torn");

        await using var reopened = await OpenAsync();
        AssertHolds(reopened, written);
    }

    [Fact]
    public async Task Disk_AfterCheckpoint_HoldsRealisticGaugesInUnderOneAndAHalfBytesPerSample()
    {
        var written = new Dictionary<LabelSet, List<Sample>>();
        await using (var store = await OpenAsync())
        {
            await WriteScrapesAsync(store, written, series: 50, scrapes: 1000, start: 0);
        }

        var bytes = Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var samples = written.Values.Sum(s => s.Count);

        Assert.True(bytes / (double)samples < 1.5, $"{bytes} bytes for {samples} samples");
    }

    [Fact]
    public async Task Retention_DropsExpiredSeriesAndChunks_KeepsRecentOnes()
    {
        var old = LabelSet.Create([KeyValuePair.Create("__name__", "old")]);
        var recent = LabelSet.Create([KeyValuePair.Create("__name__", "recent")]);
        var start = s_now.AddDays(-20).ToUnixTimeMilliseconds();
        await using var store = await OpenAsync(chunkSegmentBytes: 1 << 16);
        for (var i = 0; i < 2000; i++)
        {
            await store.AppendAsync([new SeriesSamples(old, [new Sample(start + (i * Step), i)])], CancellationToken.None);
        }

        var recentStart = s_now.AddHours(-1).ToUnixTimeMilliseconds();
        for (var i = 0; i < 200; i++)
        {
            await store.AppendAsync([new SeriesSamples(recent, [new Sample(recentStart + (i * Step), i)])], CancellationToken.None);
        }

        await store.CheckpointAsync(CancellationToken.None);
        await store.ApplyRetentionAsync(CancellationToken.None);

        Assert.Empty(store.Series([LabelMatcher.Create("__name__", LabelMatchType.Equal, "old")], 0, long.MaxValue, 10));
        Assert.Empty(store.Samples(old, 0, long.MaxValue));
        Assert.Equal(200, store.Samples(recent, 0, long.MaxValue).Count);
    }

    [Fact]
    public async Task Retention_TrimsTheStartOfLongSeries()
    {
        var series = LabelSet.Create([KeyValuePair.Create("__name__", "long")]);
        var start = s_now.AddDays(-16).ToUnixTimeMilliseconds();
        var step = TimeSpan.FromMinutes(10).Ticks / TimeSpan.TicksPerMillisecond;
        await using var store = await OpenAsync();
        for (var t = start; t <= s_now.ToUnixTimeMilliseconds(); t += step)
        {
            await store.AppendAsync([new SeriesSamples(series, [new Sample(t, t % 97)])], CancellationToken.None);
        }

        await store.CheckpointAsync(CancellationToken.None);
        await store.ApplyRetentionAsync(CancellationToken.None);

        var cutoff = s_now.AddDays(-15).ToUnixTimeMilliseconds();
        var kept = store.Samples(series, 0, long.MaxValue);
        Assert.All(kept, s => Assert.True(s.TimestampMs >= cutoff));
        Assert.Equal(s_now.ToUnixTimeMilliseconds() - (s_now.ToUnixTimeMilliseconds() - start) % step, kept[^1].TimestampMs);
    }

    [Fact]
    public async Task BackgroundCheckpoint_RunsWhenTheWalPassesItsSizeTrigger()
    {
        var written = new Dictionary<LabelSet, List<Sample>>();
        await using var store = await OpenAsync(checkpointWalBytes: 1 << 16);
        await WriteScrapesAsync(store, written, series: 30, scrapes: 1500, start: 0);

        _clock.Advance(TimeSpan.FromSeconds(2));

        await Eventually.ReturnsAsync(
            () => Task.FromResult(Directory.GetFiles(Path.Combine(_data.Path, "wal"), "checkpoint.*").FirstOrDefault()),
            TimeSpan.FromSeconds(20), "a checkpoint taken in the background");
        AssertHolds(store, written);
    }

    public void Dispose() => _data.Dispose();

    private static async Task WriteScrapesAsync(EmbeddedTsdb store, Dictionary<LabelSet, List<Sample>> written, int series, int scrapes, int start)
    {
        var t0 = s_now.AddDays(-1).ToUnixTimeMilliseconds();
        for (var round = start; round < start + scrapes; round++)
        {
            var batch = new List<SeriesSamples>();
            for (var s = 0; s < series; s++)
            {
                var labels = LabelSet.Create([KeyValuePair.Create("__name__", "gpu_temp"), KeyValuePair.Create("gpu", s.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                var value = Math.Round(60 + (Math.Sin((round + s) / 40.0) * 5) + ((round * 7 + s) % 3));
                var sample = new Sample(t0 + (round * Step), value);
                batch.Add(new SeriesSamples(labels, [sample]));
                if (!written.TryGetValue(labels, out var list))
                {
                    written[labels] = list = [];
                }

                list.Add(sample);
            }

            await store.AppendAsync(batch, CancellationToken.None);
        }
    }

    private static void AssertHolds(EmbeddedTsdb store, Dictionary<LabelSet, List<Sample>> written)
    {
        foreach (var (labels, samples) in written)
        {
            Assert.Equal(samples, store.Samples(labels, 0, long.MaxValue));
        }
    }

    private string[] WalSegments() =>
        Directory.GetFiles(Path.Combine(_data.Path, "wal")).Where(f => !Path.GetFileName(f).StartsWith("checkpoint", StringComparison.Ordinal)).ToArray();

    private Task<EmbeddedTsdb> OpenAsync(bool checkpointOnShutdown = true, long checkpointWalBytes = 64L << 20, long chunkSegmentBytes = 64L << 20)
    {
        var options = new StorageOptions
        {
            DataDirectory = _data.Path,
            CheckpointOnShutdown = checkpointOnShutdown,
            CheckpointWalBytes = checkpointWalBytes,
            ChunkSegmentBytes = chunkSegmentBytes,
        };
        var chunks = new FileChunkStore(Path.Combine(_data.Path, "chunks"), options.ChunkSegmentBytes, NullLogger.Instance);
        return EmbeddedTsdb.OpenAsync(_data.Path, options, chunks, _clock, new StorageInstrumentation(), NullLogger.Instance);
    }
}
