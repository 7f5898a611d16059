using DeepSeek.Observe.Storage.Chunks;
using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The chunk contract against the embedded store's chunk segment files.</summary>
public sealed class FileChunkStoreTests : ChunkStoreContract
{
    private readonly string _root = Directory.CreateTempSubdirectory("observe-chunks-").FullName;

    private string Chunks => Path.Combine(_root, "chunks");

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FlushAsync_PastSegmentSize_StartsNewSegmentsAndRetentionDeletesWholeOldOnes()
    {
        await using (var store = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance))
        {
            await store.OpenAsync(CancellationToken.None);
            for (var day = 0; day < 4; day++)
            {
                store.Add(Chunk(1, Day0 + (day * DayMs), 240));
                await store.FlushAsync(CancellationToken.None);
            }

            Assert.True(Directory.GetFiles(Chunks).Length >= 4);
            await store.DeleteBeforeAsync(Day0 + (2 * DayMs), CancellationToken.None);

            Assert.Equal(2, store.Read(1, Chunk(1, Day0, 1).Labels, long.MinValue, long.MaxValue).Count);
        }

        await using var reopened = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance);
        await reopened.OpenAsync(CancellationToken.None);
        Assert.Equal(2, reopened.Read(1, Chunk(1, Day0, 1).Labels, long.MinValue, long.MaxValue).Count);
    }

    [Fact]
    public async Task DeleteBeforeAsync_SegmentLeftMostlyExpired_IsCompactedAndItsLiveChunksSurviveReopen()
    {
        var recent = Chunk(2, Day0 + (3 * DayMs), 240);
        await using (var store = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance))
        {
            await store.OpenAsync(CancellationToken.None);
            for (var i = 0; i < 6; i++)
            {
                store.Add(Chunk(1, Day0 + (i * 240 * ScrapeMs), 240));
            }

            store.Add(recent);
            await store.FlushAsync(CancellationToken.None);
            var mixed = Directory.GetFiles(Chunks, "0*").Single();
            store.Add(Chunk(2, Day0 + (4 * DayMs), 240));
            await store.FlushAsync(CancellationToken.None);

            await store.DeleteBeforeAsync(Day0 + (2 * DayMs), CancellationToken.None);

            Assert.False(File.Exists(mixed), "the mostly expired segment was not compacted away");
            Assert.Empty(store.Read(1, recent.Labels, long.MinValue, long.MaxValue));
            Assert.Equal(recent.Data, store.Read(2, recent.Labels, long.MinValue, long.MaxValue)[0]);
        }

        await using var reopened = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance);
        await reopened.OpenAsync(CancellationToken.None);
        Assert.Equal(2, reopened.Read(2, recent.Labels, long.MinValue, long.MaxValue).Count);
        Assert.Equal(recent.Data, reopened.Read(2, recent.Labels, long.MinValue, long.MaxValue)[0]);
    }

    [Fact]
    public async Task Open_AChunkTwiceAfterACrashDuringCompaction_KeepsItOnceInTimeOrder()
    {
        var first = Chunk(1, Day0, 240);
        var second = Chunk(1, Day0 + DayMs, 240);
        await using (var store = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance))
        {
            await store.OpenAsync(CancellationToken.None);
            store.Add(first);
            await store.FlushAsync(CancellationToken.None);
            store.Add(second);
            await store.FlushAsync(CancellationToken.None);
        }

        // As if compaction had copied the first chunk into the newest segment and then crashed before deleting it.
        var files = Directory.GetFiles(Chunks, "0*").Order(StringComparer.Ordinal).ToArray();
        File.Copy(files[0], Path.Combine(Chunks, "00000099"));

        await using var reopened = new FileChunkStore(Chunks, segmentBytes: 64, NullLogger.Instance);
        await reopened.OpenAsync(CancellationToken.None);
        Assert.Equal([first.Data, second.Data], reopened.Read(1, first.Labels, long.MinValue, long.MaxValue));
    }

    private protected override IChunkStore CreateStore() => new FileChunkStore(Chunks, 64L << 20, NullLogger.Instance);

    // Root ignores permissions, so the directory is swapped for a file: every open below it then fails.
    private protected override Task BreakStorageAsync()
    {
        Directory.Move(Chunks, Chunks + ".away");
        File.WriteAllText(Chunks, "not a directory");
        return Task.CompletedTask;
    }

    private protected override Task RestoreStorageAsync()
    {
        File.Delete(Chunks);
        Directory.Move(Chunks + ".away", Chunks);
        return Task.CompletedTask;
    }
}
