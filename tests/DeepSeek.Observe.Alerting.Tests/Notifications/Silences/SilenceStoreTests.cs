using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Alerting.Notifications.Silences;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Silences;

public sealed class SilenceStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"silences-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Set_NewInstanceOnSameFile_ReadsSilencesBack()
    {
        var now = _time.GetUtcNow();
        var first = NewStore();
        var id = first.Set(null, [Matcher.Create("node", MatcherType.Regex, "n1|n2"), Matcher.Create("severity", MatcherType.NotEqual, "L1")], now, now.AddHours(2), "ops", "swap GPU").Id;
        var expired = first.Set(null, [Matcher.Create("a", MatcherType.Equal, "b")], now, now.AddHours(1), "ops", "x").Id!;
        first.Expire(expired);

        var second = NewStore();

        var silence = second.Get(id!);
        Assert.NotNull(silence);
        Assert.Equal(["node=~\"n1|n2\"", "severity!=\"L1\""], silence.Matchers.Select(m => m.ToString()));
        Assert.Equal(now.AddHours(2), silence.EndsAt);
        Assert.Equal(("ops", "swap GPU"), (silence.CreatedBy, silence.Comment));
        Assert.Equal(SilenceState.Active, silence.State(now));
        Assert.Equal(SilenceState.Expired, second.Get(expired)!.State(now));
        Assert.NotEmpty(second.Muting(DispatcherHarness.Labels(("node", "n2")), now));
        Assert.False(File.Exists(Path.Combine(_directory, "silences.json.tmp")));
    }

    [Fact]
    public void Set_CorruptFile_RefusesToStart()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "silences.json"), "{not json");

        var error = Assert.Throws<InvalidOperationException>(NewStore);
        Assert.Contains("silences.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, 1, "at least one matcher required")]
    [InlineData("a=~.*", 0, 1, "at least one matcher must not match the empty string")]
    [InlineData("a=\"\"", 0, 1, "at least one matcher must not match the empty string")]
    [InlineData("a=b", 2, 1, "start time must be before end time")]
    [InlineData("a=b", -3, -2, "end time can't be in the past")]
    public void Set_Invalid_StoresNothing(string matchers, int startHours, int endHours, string expected)
    {
        var store = NewStore();
        var now = _time.GetUtcNow();
        Assert.True(MatcherParser.TryParseList(matchers, out var parsed, out _));

        var result = store.Set(null, parsed, now.AddHours(startHours), now.AddHours(endHours), "ops", "c");

        Assert.Equal(expected, result.Error);
        Assert.Empty(store.List());
        Assert.False(File.Exists(Path.Combine(_directory, "silences.json")));
    }

    [Fact]
    public void Set_ExistingIdSameMatchers_UpdatesInPlace()
    {
        var store = NewStore();
        var now = _time.GetUtcNow();
        var matchers = new[] { Matcher.Create("a", MatcherType.Equal, "b") };
        var id = store.Set(null, matchers, now, now.AddHours(1), "ops", "c").Id!;

        var updated = store.Set(id, matchers, now, now.AddHours(3), "ops", "longer");

        Assert.Equal(id, updated.Id);
        Assert.Equal(now.AddHours(3), Assert.Single(store.List()).EndsAt);
    }

    [Fact]
    public void Set_ExistingIdNewMatchers_ExpiresOldAndCreatesNew()
    {
        var store = NewStore();
        var now = _time.GetUtcNow();
        var id = store.Set(null, [Matcher.Create("a", MatcherType.Equal, "b")], now, now.AddHours(1), "ops", "c").Id!;

        var replaced = store.Set(id, [Matcher.Create("a", MatcherType.Equal, "c")], now, now.AddHours(1), "ops", "c");

        Assert.NotEqual(id, replaced.Id);
        Assert.Equal(SilenceState.Expired, store.Get(id)!.State(now));
        Assert.Equal(SilenceState.Active, store.Get(replaced.Id!)!.State(now));
    }

    [Fact]
    public void Set_UnknownId_IsNotFound()
    {
        var now = _time.GetUtcNow();

        var result = NewStore().Set(Guid.NewGuid().ToString(), [Matcher.Create("a", MatcherType.Equal, "b")], now, now.AddHours(1), "ops", "c");

        Assert.True(result.IsNotFound);
    }

    [Fact]
    public void State_FollowsTheClock()
    {
        var store = NewStore();
        var now = _time.GetUtcNow();
        var id = store.Set(null, [Matcher.Create("a", MatcherType.Equal, "b")], now.AddHours(1), now.AddHours(2), "ops", "c").Id!;

        Assert.Equal(SilenceState.Pending, store.Get(id)!.State(now));
        Assert.Equal(SilenceState.Active, store.Get(id)!.State(now.AddHours(1.5)));
        Assert.Equal(SilenceState.Expired, store.Get(id)!.State(now.AddHours(2)));
        Assert.Equal(ExpireResult.Expired, store.Expire(id));
        Assert.Equal(ExpireResult.AlreadyExpired, store.Expire(id));
        Assert.Equal(ExpireResult.NotFound, store.Expire(Guid.NewGuid().ToString()));
    }

    [Fact]
    public void Set_Full_RefusesNewSilence()
    {
        var store = new SilenceStore(null, _time, maxSilences: 1, TimeSpan.FromHours(1));
        var now = _time.GetUtcNow();
        Assert.NotNull(store.Set(null, [Matcher.Create("a", MatcherType.Equal, "b")], now, now.AddHours(1), "ops", "c").Id);

        Assert.True(store.Set(null, [Matcher.Create("a", MatcherType.Equal, "c")], now, now.AddHours(1), "ops", "c").IsFull);
    }

    private SilenceStore NewStore() =>
        new(new SilenceFile(Path.Combine(_directory, "silences.json")), _time, 100, TimeSpan.FromHours(120));
}
