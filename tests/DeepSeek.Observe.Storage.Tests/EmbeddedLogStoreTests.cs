using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The embedded log store through <see cref="ILogAppender"/> and <see cref="ILogQuerier"/>, and its retention.</summary>
public sealed class EmbeddedLogStoreTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Query_DefaultDirection_ReturnsNewestLinesFirstUpToLimit()
    {
        await using var store = await OpenAsync();
        for (var i = 1; i <= 5; i++)
        {
            await Appender(store).AppendAsync([Stream(Labels(("job", "api")), (i * Second, $"line {i}"))], CancellationToken.None);
        }

        var result = Querier(store).Query(Query(Matcher("job", "api"), limit: 3));

        var stream = Assert.Single(result);
        Assert.Equal(["line 5", "line 4", "line 3"], stream.Entries.Select(e => e.Line));
        Assert.Equal(["line 1", "line 2"], Querier(store).Query(Query(Matcher("job", "api"), limit: 2) with { Direction = LogDirection.Forward })
            .Single().Entries.Select(e => e.Line));
    }

    [Fact]
    public async Task Query_ContainsAndRangeAndMatchers_SelectOnlyMatchingLines()
    {
        await using var store = await OpenAsync();
        await Appender(store).AppendAsync(
            [
                Stream(Labels(("job", "api"), ("level", "error")), (1 * Second, "GET /a failed"), (2 * Second, "GET /b ok"), (9 * Second, "GET /c failed")),
                Stream(Labels(("job", "db")), (1 * Second, "query failed")),
            ],
            CancellationToken.None);

        var result = Querier(store).Query(Query(Matcher("job", "api"), contains: "failed") with { EndNs = 5 * Second });

        var stream = Assert.Single(result);
        Assert.Equal("error", stream.Labels["level"]);
        Assert.Equal(["GET /a failed"], stream.Entries.Select(e => e.Line));
        Assert.Equal(["{job=\"db\"}"], Querier(store).Streams([Matcher("job", "db")], 0, 5 * Second, 10).Select(s => s.ToString()));
        Assert.Empty(Querier(store).Streams([Matcher("job", "db")], 2 * Second, 5 * Second, 10));
    }

    [Fact]
    public async Task Reopen_AfterStop_ReplaysEveryLineWithMetadataAndNanoseconds()
    {
        await using (var store = await OpenAsync())
        {
            for (var i = 0; i < 20; i++)
            {
                var metadata = LabelSet.Create([KeyValuePair.Create("trace_id", i.ToString(CultureInfo.InvariantCulture))]);
                await Appender(store).AppendAsync(
                    [new StreamEntries(Labels(("pod", $"p{i % 4}")), [new LogEntry((i * Second) + 7, $"line {i}", metadata)])], CancellationToken.None);
            }
        }

        await using var reopened = await OpenAsync();

        var result = Querier(reopened).Query(new LogQuery([[LabelMatcher.Create("pod", LabelMatchType.Regex, "p.*")]], 0, long.MaxValue, null, 1000));
        Assert.Equal(4, result.Count);
        var all = result.SelectMany(s => s.Entries).OrderBy(e => e.TimestampNs).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal((3 * Second) + 7, all[3].TimestampNs);
        Assert.Equal("3", all[3].Metadata["trace_id"]);
    }

    [Fact]
    public async Task Reopen_TornTail_KeepsEveryCompleteWrite()
    {
        await using (var store = await OpenAsync())
        {
            await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (1 * Second, "one"))], CancellationToken.None);
            await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (2 * Second, "two"))], CancellationToken.None);
        }

        var segment = Directory.GetFiles(Path.Combine(_data.Path, "logs")).Single();
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
        var directory = Path.Combine(_data.Path, "logs");
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

    [Fact]
    public async Task AppendAsync_PastStreamLimit_RejectsNewStreamsOnly()
    {
        await using var store = await OpenAsync(new Dictionary<string, string?> { ["Storage:MaxLogStreams"] = "1" });
        await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (1, "x"))], CancellationToken.None);

        var error = await Assert.ThrowsAsync<AppendRejectedException>(
            async () => await Appender(store).AppendAsync([Stream(Labels(("job", "b")), (1, "y"))], CancellationToken.None));

        Assert.Equal(AppendRejection.LimitExceeded, error.Reason);
        Assert.Equal(1, await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (2, "z"))], CancellationToken.None));
    }

    public void Dispose() => _data.Dispose();

    private static StreamEntries Stream(LabelSet labels, params (long Ns, string Line)[] entries) =>
        new(labels, [.. entries.Select(e => new LogEntry(e.Ns, e.Line))]);

    private static LabelSet Labels(params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)));

    private static LabelMatcher Matcher(string name, string value) => LabelMatcher.Create(name, LabelMatchType.Equal, value);

    private static LogQuery Query(LabelMatcher matcher, int limit = 100, string? contains = null) =>
        new([[matcher]], 0, long.MaxValue, contains, limit);

    private static ILogAppender Appender(StoreHarness store) => store.Services.GetRequiredService<ILogAppender>();

    private static ILogQuerier Querier(StoreHarness store) => store.Services.GetRequiredService<ILogQuerier>();

    private Task<StoreHarness> OpenAsync(Dictionary<string, string?>? extra = null) => StoreHarness.StartEmbeddedAsync(_data.Path, extra, s_timeout);
}
