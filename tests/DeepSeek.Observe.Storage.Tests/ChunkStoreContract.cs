using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Chunks;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>
/// What every <see cref="IChunkStore"/> must do, run against each implementation by a derived class that says how
/// to open a store over its storage and how to make that storage fail. xunit builds a new instance per test, so each
/// test gets fresh storage from <see cref="InitializeAsync"/>.
/// </summary>
public abstract class ChunkStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>2026-11-23T00:00:00Z, the first day the tests write to.</summary>
    protected static readonly long Day0 = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    protected const long DayMs = 86_400_000;
    protected const long HourMs = 3_600_000;
    protected const long ScrapeMs = 15_000;

    /// <summary>Prepares empty storage for one test.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Removes the test's storage.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A store over this test's storage, not yet opened: over empty storage on the first call, over what the earlier
    /// stores of the test left (a reopen) on later ones; the test disposes each before opening the next.
    /// </summary>
    private protected abstract IChunkStore CreateStore();

    /// <summary>Makes the storage fail every operation (server unreachable, database gone) until <see cref="RestoreStorageAsync"/>.</summary>
    private protected abstract Task BreakStorageAsync();

    private protected abstract Task RestoreStorageAsync();

    [Fact]
    public async Task Add_BeforeFlush_IsReadableAndPending()
    {
        await using var store = await OpenAsync();
        var chunk = Chunk(1, Day0, 240);

        store.Add(chunk);

        Assert.Equal([chunk.Data], store.Read(1, chunk.Labels, long.MinValue, long.MaxValue));
        Assert.Equal(chunk.Data.Length, store.PendingBytes);
    }

    [Fact]
    public async Task FlushAsync_ThenReopen_ChunksAreDurableInTimeOrder()
    {
        var first = Chunk(1, Day0, 240);
        var second = Chunk(1, Day0 + (240 * ScrapeMs), 240);
        await using (var store = await OpenAsync())
        {
            store.Add(first);
            store.Add(second);
            await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(0, store.PendingBytes);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal([first.Data, second.Data], reopened.Read(1, first.Labels, long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task Read_AfterFlush_ReturnsEachChunkOnce()
    {
        await using var store = await OpenAsync();
        var chunk = Chunk(1, Day0, 240);
        store.Add(chunk);

        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([chunk.Data], store.Read(1, chunk.Labels, long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task FlushAsync_NothingQueued_Succeeds()
    {
        await using var store = await OpenAsync();

        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(0, store.PendingBytes);
    }

    [Fact]
    public async Task PersistedMaxTimestamp_AfterReopen_IsNewestFlushedTimeOnly()
    {
        var flushed = Chunk(1, Day0, 240);
        var other = Chunk(2, Day0, 10);
        await using (var store = await OpenAsync())
        {
            store.Add(flushed);
            store.Add(other);
            await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(flushed.MaxTimestamp, store.PersistedMaxTimestamp(1, flushed.Labels));

            // Queued but not flushed: not persisted, so replay must not skip its samples.
            store.Add(Chunk(1, flushed.MaxTimestamp + ScrapeMs, 240));
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(flushed.MaxTimestamp, reopened.PersistedMaxTimestamp(1, flushed.Labels));
        Assert.Equal(other.MaxTimestamp, reopened.PersistedMaxTimestamp(2, other.Labels));
        Assert.Equal(long.MinValue, reopened.PersistedMaxTimestamp(3, Series(3)));
    }

    // Range ends as marks: 0 = day start, 1 = chunk 0's last sample, 2 = chunk 1's first, 3 = just after chunk 1,
    // 4 = just after chunk 2, 5 = the end of the day; -1 = five seconds before the day.
    [Theory]
    [InlineData(0, 1, new[] { 0 })]
    [InlineData(-1, 0, new[] { 0 })] // touches chunk 0's first sample only
    [InlineData(1, 2, new[] { 0, 1 })] // touches chunk 0's last sample and chunk 1's first
    [InlineData(2, 3, new[] { 1 })]
    [InlineData(3, 5, new[] { 2 })]
    [InlineData(0, 5, new[] { 0, 1, 2 })]
    [InlineData(4, 5, new int[] { })]
    public async Task Read_Range_ReturnsOnlyOverlappingChunks(int from, int to, int[] expected)
    {
        // Chunks cover [0h, 1h], [1h 15 s, 2h 15 s] and [3h, 3h 1 min] of day 0; queued and flushed read alike.
        SealedChunk[] chunks = [Chunk(1, Day0, 241), Chunk(1, Day0 + HourMs + ScrapeMs, 241), Chunk(1, Day0 + (3 * HourMs), 5)];
        long[] marks = [Day0, chunks[0].MaxTimestamp, chunks[1].MinTimestamp, chunks[1].MaxTimestamp + 1, chunks[2].MaxTimestamp + 1, Day0 + DayMs - 1];
        var minT = from < 0 ? Day0 - 5_000 : marks[from];
        var maxT = marks[to];
        await using var store = await OpenAsync();
        foreach (var chunk in chunks)
        {
            store.Add(chunk);
        }

        var queued = store.Read(1, chunks[0].Labels, minT, maxT);
        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        var flushed = store.Read(1, chunks[0].Labels, minT, maxT);

        var want = expected.Select(i => chunks[i].Data).ToList();
        Assert.Equal(want, queued);
        Assert.Equal(want, flushed);
    }

    [Fact]
    public async Task Read_ManySeriesAcrossDays_EachSeesOnlyItsOwnChunks()
    {
        const int seriesCount = 300;
        var written = new Dictionary<ulong, List<SealedChunk>>();
        await using (var store = await OpenAsync())
        {
            for (var day = 0; day < 3; day++)
            {
                for (ulong s = 1; s <= seriesCount; s++)
                {
                    var chunk = Chunk(s, Day0 + (day * DayMs) + ((long)s * 1000), 20 + (int)(s % 7));
                    store.Add(chunk);
                    (written.TryGetValue(s, out var list) ? list : written[s] = []).Add(chunk);
                }
            }

            await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        await using var reopened = await OpenAsync();

        foreach (var (s, chunks) in written)
        {
            Assert.Equal(chunks.Select(c => c.Data), reopened.Read(s, Series(s), long.MinValue, long.MaxValue));
            Assert.Equal([chunks[1].Data], reopened.Read(s, Series(s), Day0 + DayMs, Day0 + (2 * DayMs) - 1));
            Assert.Equal(chunks[^1].MaxTimestamp, reopened.PersistedMaxTimestamp(s, Series(s)));
        }
    }

    [Fact]
    public async Task DeleteBeforeAsync_Cutoff_RemovesOnlyChunksWhollyOlder()
    {
        SealedChunk[] chunks = [Chunk(1, Day0, 240), Chunk(1, Day0 + DayMs, 240), Chunk(1, Day0 + (2 * DayMs), 240), Chunk(2, Day0 + (2 * DayMs) + HourMs, 10)];
        await using (var store = await OpenAsync())
        {
            foreach (var chunk in chunks)
            {
                store.Add(chunk);
            }

            await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

            // Day 0 and day 1 end before the cutoff; day 2 holds it, so both of its chunks stay.
            await store.DeleteBeforeAsync(Day0 + (2 * DayMs) + (30 * 60_000), CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal([chunks[2].Data], store.Read(1, chunks[0].Labels, long.MinValue, long.MaxValue));
        }

        await using var reopened = await OpenAsync();

        Assert.Equal([chunks[2].Data], reopened.Read(1, chunks[0].Labels, long.MinValue, long.MaxValue));
        Assert.Equal([chunks[3].Data], reopened.Read(2, chunks[3].Labels, long.MinValue, long.MaxValue));
    }

    [Fact]
    public async Task FlushAsync_StorageUnavailable_ThrowsAndKeepsChunksQueuedForTheNextAttempt()
    {
        var chunk = Chunk(1, Day0, 240);
        await using (var store = await OpenAsync())
        {
            store.Add(chunk);
            await BreakStorageAsync();
            try
            {
                await Assert.ThrowsAsync<ChunkStoreUnavailableException>(() => store.FlushAsync(CancellationToken.None).WaitAsync(Timeout));
                Assert.Equal(chunk.Data.Length, store.PendingBytes);
            }
            finally
            {
                await RestoreStorageAsync();
            }

            await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(0, store.PendingBytes);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal([chunk.Data], reopened.Read(1, chunk.Labels, long.MinValue, long.MaxValue));
        Assert.Equal(chunk.MaxTimestamp, reopened.PersistedMaxTimestamp(1, chunk.Labels));
    }

    /// <summary>A chunk of series <paramref name="seriesRef"/>: <paramref name="count"/> samples a scrape interval apart.</summary>
    private protected static SealedChunk Chunk(ulong seriesRef, long start, int count)
    {
        var samples = new Sample[count];
        for (var i = 0; i < count; i++)
        {
            // GPU-temperature-like values that differ per series, so a chunk read for the wrong series shows.
            samples[i] = new Sample(start + (i * ScrapeMs), 40 + (seriesRef % 30) + (i % 5 * 0.25));
        }

        return new SealedChunk(seriesRef, Series(seriesRef), start, samples[^1].TimestampMs, SampleChunk.Encode(samples));
    }

    protected static LabelSet Series(ulong seriesRef) => LabelSet.Create(
        new Label(LabelNames.MetricName, "DCGM_FI_DEV_GPU_TEMP"),
        new Label("Hostname", $"node-{seriesRef / 8}"),
        new Label("gpu", (seriesRef % 8).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A new store over this test's storage, opened.</summary>
    private protected async Task<IChunkStore> OpenAsync()
    {
        var store = CreateStore();
        await store.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
        return store;
    }
}
