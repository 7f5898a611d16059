using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>Back-pressure of the group commit both embedded stores write through.</summary>
public sealed class GroupCommitLogTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task ReserveAsync_NoRoomWithinWait_ThrowsOverloadedUntilReleased()
    {
        var wal = WriteAheadLog.Open(_data.Path, 1 << 20, (_, _) => { }, NullLogger.Instance);
        await using var log = new GroupCommitLog(wal, maxPending: 1, TimeSpan.Zero, (_, _) => { }, NullLogger.Instance);
        await log.ReserveAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<AppendRejectedException>(async () => await log.ReserveAsync(CancellationToken.None));

        Assert.Equal(AppendRejection.Overloaded, error.Reason);
        Assert.True(error.IsRetryable);
        log.Release();
        await log.ReserveAsync(CancellationToken.None);
    }

    public void Dispose() => _data.Dispose();
}
