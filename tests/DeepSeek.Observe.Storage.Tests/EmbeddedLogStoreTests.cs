using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The log store contract against the embedded store, and its specifics (torn tails, segment retention).</summary>
public sealed class EmbeddedLogStoreTests : LogStoreContract
{
    [Fact]
    public async Task Reopen_TornTail_KeepsEveryCompleteWrite()
    {
        await using (var store = await OpenAsync())
        {
            await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (1 * Second, "one"))], CancellationToken.None);
            await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (2 * Second, "two"))], CancellationToken.None);
        }

        var segment = Directory.GetFiles(Path.Combine(DataDirectory, "logs")).Single();
        await File.AppendAllTextAsync(segment, "\u0040\u0000\u0000\u0000partial");

        await using (var reopened = await OpenAsync())
        {
            Assert.Equal(["two", "one"], Querier(reopened).Query(Query(Matcher("job", "a"))).Single().Entries.Select(e => e.Line));
            await Appender(reopened).AppendAsync([Stream(Labels(("job", "a")), (3 * Second, "three"))], CancellationToken.None);
        }

        await using var again = await OpenAsync();
        Assert.Equal(3, Querier(again).Query(Query(Matcher("job", "a"))).Single().Entries.Count);
    }

    [Fact]
    public async Task EnforceRetention_SegmentsPastRetention_AreDeletedAndForgotten()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var options = new StorageOptions { LogSegmentBytes = 1 << 16, LogRetention = TimeSpan.FromHours(1) };
        var directory = Path.Combine(DataDirectory, "logs");
        var oldNs = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        await using var store = EmbeddedLogStore.Open(directory, options, new StorageInstrumentation(), clock, NullLogger.Instance);

        // Incompressible lines larger than a segment, so each write fills one and the next starts a new segment.
        var random = new Random(7);
        string Noise()
        {
            var bytes = new byte[80_000];
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        await store.AppendAsync([Stream(Labels(("job", "old")), (oldNs, Noise()))], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(30));
        var newNs = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        await store.AppendAsync([Stream(Labels(("job", "new")), (newNs, Noise()))], CancellationToken.None);
        Assert.Equal(3, Directory.GetFiles(directory).Length);

        // The retention timer fires on the fake clock: the old line is now past an hour, the new one is not.
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(2, Directory.GetFiles(directory).Length);
        Assert.Empty(store.Query(Query(Matcher("job", "old")) with { StartNs = 0, EndNs = long.MaxValue }));
        Assert.Empty(store.Streams([Matcher("job", "old")], 0, long.MaxValue, 10));
        Assert.Single(store.Query(Query(Matcher("job", "new")) with { StartNs = 0, EndNs = long.MaxValue }));
    }

    private protected override Dictionary<string, string?> Settings() => new() { ["Storage:DataDirectory"] = DataDirectory };
}
