using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>
/// What every <see cref="ILogAppender"/>/<see cref="ILogQuerier"/> must do, run against each store as the platform
/// registers it (<see cref="StorageServiceCollectionExtensions.AddStorage"/>) by a derived class that says which
/// settings select it. xunit builds a new instance per test, so each test gets fresh storage.
/// </summary>
public abstract class LogStoreContract : IAsyncLifetime
{
    protected const long Second = 1_000_000_000;
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The test's data directory (the embedded store's, and the head's with PostgreSQL).</summary>
    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("observe-test-").FullName;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The settings that select the store over this test's storage (the same on every call: a reopen).</summary>
    private protected abstract Dictionary<string, string?> Settings();

    [Fact]
    public async Task Query_DefaultDirection_ReturnsNewestLinesFirstUpToLimit()
    {
        await using var store = await OpenAsync();
        for (var i = 1; i <= 5; i++)
        {
            await Appender(store).AppendAsync([Stream(Labels(("job", "api")), (i * Second, $"line {i}"))], CancellationToken.None).AsTask().WaitAsync(Timeout);
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
                Stream(Labels(("job", "api"), ("level", "info")), (1 * Second, "GET /d failed 100%")),
                Stream(Labels(("job", "db")), (1 * Second, "query failed")),
            ],
            CancellationToken.None).AsTask().WaitAsync(Timeout);

        var result = Querier(store).Query(
            new LogQuery([[Matcher("job", "api"), LabelMatcher.Create("level", LabelMatchType.NotEqual, "info")]], 0, 5 * Second, "failed", 100));

        var stream = Assert.Single(result);
        Assert.Equal("error", stream.Labels["level"]);
        Assert.Equal(["GET /a failed"], stream.Entries.Select(e => e.Line));

        // Regular expressions, and a contains text holding LIKE's wildcards, which must match literally.
        var regex = Querier(store).Query(Query(LabelMatcher.Create("level", LabelMatchType.Regex, "inf.?"), contains: "0%"));
        Assert.Equal(["GET /d failed 100%"], regex.Single().Entries.Select(e => e.Line));
        Assert.Empty(Querier(store).Query(Query(Matcher("job", "api"), contains: "a%d")));

        Assert.Equal(["{job=\"db\"}"], Querier(store).Streams([Matcher("job", "db")], 0, 5 * Second, 10).Select(s => s.ToString()));
        Assert.Empty(Querier(store).Streams([Matcher("job", "db")], 2 * Second, 5 * Second, 10));
        Assert.Equal(2, Querier(store).Streams([LabelMatcher.Create("job", LabelMatchType.NotRegex, "d.*")], 0, 5 * Second, 10).Count);
    }

    [Fact]
    public async Task Reopen_AfterStop_KeepsEveryLineWithMetadataAndNanoseconds()
    {
        // Recent lines: a store may apply retention when it opens (PostgreSQL drops days past LogRetention then).
        var baseNs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        await using (var store = await OpenAsync())
        {
            for (var i = 0; i < 20; i++)
            {
                var metadata = LabelSet.Create([KeyValuePair.Create("trace_id", i.ToString(CultureInfo.InvariantCulture))]);
                await Appender(store).AppendAsync(
                    [new StreamEntries(Labels(("pod", $"p{i % 4}")), [new LogEntry(baseNs + (i * Second) + 7, $"line {i}", metadata)])],
                    CancellationToken.None).AsTask().WaitAsync(Timeout);
            }
        }

        await using var reopened = await OpenAsync();

        var result = Querier(reopened).Query(new LogQuery([[LabelMatcher.Create("pod", LabelMatchType.Regex, "p.*")]], 0, long.MaxValue, null, 1000));
        Assert.Equal(4, result.Count);
        var all = result.SelectMany(s => s.Entries).OrderBy(e => e.TimestampNs).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(baseNs + (3 * Second) + 7, all[3].TimestampNs);
        Assert.Equal("3", all[3].Metadata["trace_id"]);
    }

    [Fact]
    public async Task AppendAsync_PastStreamLimit_RejectsNewStreamsOnly()
    {
        await using var store = await OpenAsync(new Dictionary<string, string?> { ["Storage:MaxLogStreams"] = "1" });
        await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (1, "x"))], CancellationToken.None).AsTask().WaitAsync(Timeout);

        var error = await Assert.ThrowsAsync<AppendRejectedException>(
            async () => await Appender(store).AppendAsync([Stream(Labels(("job", "b")), (1, "y"))], CancellationToken.None));

        Assert.Equal(AppendRejection.LimitExceeded, error.Reason);
        Assert.Equal(1, await Appender(store).AppendAsync([Stream(Labels(("job", "a")), (2, "z"))], CancellationToken.None));
    }

    [Fact]
    public async Task Retention_LinesPastLogRetention_AreDroppedOnTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var nowNs = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        await using var store = await OpenAsync(
            new Dictionary<string, string?> { ["Storage:LogRetention"] = "1.00:00:00", ["Storage:LogSegmentBytes"] = "65536" }, clock);

        // Lines larger than an embedded segment, so the old one sits alone in a closed segment there (the embedded
        // store deletes whole segments, PostgreSQL whole days).
        await Appender(store).AppendAsync([Stream(Labels(("job", "old")), (nowNs - (3 * 86_400 * Second), Noise(1)))], CancellationToken.None)
            .AsTask().WaitAsync(Timeout);
        await Appender(store).AppendAsync([Stream(Labels(("job", "new")), (nowNs, Noise(2)))], CancellationToken.None)
            .AsTask().WaitAsync(Timeout);

        // The retention timer (every minute, on the store's TimeProvider) fires; a store may drop asynchronously.
        clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = TimeProvider.System.GetTimestamp();
        while (Querier(store).Query(Query(Matcher("job", "old"))).Count > 0 && TimeProvider.System.GetElapsedTime(deadline) < Timeout)
        {
            await Task.Delay(50);
        }

        Assert.Empty(Querier(store).Query(Query(Matcher("job", "old"))));
        Assert.Empty(Querier(store).Streams([Matcher("job", "old")], 0, long.MaxValue, 10));
        Assert.Single(Querier(store).Query(Query(Matcher("job", "new"))));
    }

    private protected static StreamEntries Stream(LabelSet labels, params (long Ns, string Line)[] entries) =>
        new(labels, [.. entries.Select(e => new LogEntry(e.Ns, e.Line))]);

    private protected static LabelSet Labels(params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)));

    private protected static LabelMatcher Matcher(string name, string value) => LabelMatcher.Create(name, LabelMatchType.Equal, value);

    private protected static LogQuery Query(LabelMatcher matcher, int limit = 100, string? contains = null) =>
        new([[matcher]], 0, long.MaxValue, contains, limit);

    private protected static ILogAppender Appender(StoreHarness store) => store.Services.GetRequiredService<ILogAppender>();

    private protected static ILogQuerier Querier(StoreHarness store) => store.Services.GetRequiredService<ILogQuerier>();

    /// <summary>Opens the store as the platform does, with <paramref name="extra"/> settings on top of <see cref="Settings"/>.</summary>
    private protected async Task<StoreHarness> OpenAsync(Dictionary<string, string?>? extra = null, TimeProvider? clock = null)
    {
        var settings = Settings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var harness = new StoreHarness(settings, clock);
        await harness.StartAsync().WaitAsync(Timeout);
        return harness;
    }

    // Incompressible: Brotli cannot shrink it below a 64 KiB segment.
    private static string Noise(int seed)
    {
        var bytes = new byte[80_000];
        new Random(seed).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }
}
