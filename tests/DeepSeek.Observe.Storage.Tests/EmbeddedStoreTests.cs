namespace DeepSeek.Observe.Storage.Tests;

public class EmbeddedStoreTests
{
    [Fact]
    public async Task StartAsync_MissingDirectory_CreatesItAndIsReachable()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "nested", "data");
        await using var harness = StoreHarness.Embedded(directory);

        await harness.StartAsync();
        var status = await harness.Store.ProbeAsync(CancellationToken.None);

        Assert.Equal(StoreKind.Embedded, harness.Store.Kind);
        Assert.True(status.IsReachable, status.Description);
        Assert.True(File.Exists(Path.Combine(directory, "lock")));
    }

    [Fact]
    public async Task StartAsync_DirectoryHeldByAnotherStore_FailsWithReason()
    {
        using var temp = new TempDirectory();
        await using var first = StoreHarness.Embedded(temp.Path);
        await first.StartAsync();
        await using var second = StoreHarness.Embedded(temp.Path);

        var error = await Assert.ThrowsAsync<StoreStartupException>(() => second.StartAsync());

        Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AfterPreviousOwnerStopped_Succeeds()
    {
        using var temp = new TempDirectory();
        var first = StoreHarness.Embedded(temp.Path);
        await first.StartAsync();
        await first.DisposeAsync();
        await using var second = StoreHarness.Embedded(temp.Path);

        await second.StartAsync();

        Assert.True((await second.Store.ProbeAsync(CancellationToken.None)).IsReachable);
    }

    [Fact]
    public async Task ProbeAsync_NotStarted_IsUnreachable()
    {
        using var temp = new TempDirectory();
        await using var harness = StoreHarness.Embedded(temp.Path);

        var status = await harness.Store.ProbeAsync(CancellationToken.None);

        Assert.False(status.IsReachable);
        Assert.Contains("not open", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_DirectoryRemovedUnderneath_IsUnreachable()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "data");
        await using var harness = StoreHarness.Embedded(directory);
        await harness.StartAsync();

        Directory.Delete(directory, recursive: true);
        var status = await harness.Store.ProbeAsync(CancellationToken.None);

        Assert.False(status.IsReachable);
        Assert.Contains("not writable", status.Description, StringComparison.Ordinal);
    }
}
