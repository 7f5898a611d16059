using System.Diagnostics;
using System.Threading.Channels;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// Group commit over a <see cref="WriteAheadLog"/>: queued writes are written and covered by one fsync per group, and
/// only then applied and acknowledged. Room for writes not yet durable is bounded; a writer that finds none within
/// the wait is refused as <see cref="AppendRejection.Overloaded"/> (back-pressure). After a write error the log
/// refuses everything as <see cref="AppendRejection.Unavailable"/> until restart.
/// </summary>
internal sealed partial class GroupCommitLog : IAsyncDisposable
{
    // How many queued writes one fsync covers at most: bounds the latency of the first write in a group.
    private const int MaxGroup = 4096;

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriteAheadLog _wal;
    private readonly SemaphoreSlim _capacity;
    private readonly int _maxPending;
    private readonly TimeSpan _pendingWait;
    private readonly Action<TimeSpan, int> _onSynced;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private Exception? _failure;

    /// <summary>Starts the writer over <paramref name="wal"/>; <paramref name="onSynced"/> is told the duration and size of every group made durable (self-metrics).</summary>
    public GroupCommitLog(WriteAheadLog wal, int maxPending, TimeSpan pendingWait, Action<TimeSpan, int> onSynced, ILogger logger)
    {
        _wal = wal;
        _maxPending = maxPending;
        _pendingWait = pendingWait;
        _onSynced = onSynced;
        _logger = logger;
        _capacity = new SemaphoreSlim(maxPending, maxPending);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Why writes fail, once the log could not be written; null while healthy.</summary>
    public Exception? Failure => _failure;

    /// <summary>Takes room for one write, waiting at most the configured time; pair with <see cref="Enqueue"/> or <see cref="Release"/>.</summary>
    public async ValueTask ReserveAsync(CancellationToken cancellationToken)
    {
        if (_failure is { } failure)
        {
            throw new AppendRejectedException(AppendRejection.Unavailable, $"store cannot write: {failure.Message}", failure);
        }

        if (!await _capacity.WaitAsync(_pendingWait, cancellationToken))
        {
            throw new AppendRejectedException(AppendRejection.Overloaded, $"store is saturated ({_maxPending} writes pending)");
        }
    }

    /// <summary>Gives back room taken by <see cref="ReserveAsync"/> for a write that will not be queued.</summary>
    public void Release() => _capacity.Release();

    /// <summary>Queues a write that holds room; the log keeps writes in the order they are queued.</summary>
    public void Enqueue(ICommittable write) => _queue.Writer.TryWrite(write);

    /// <summary>
    /// Runs <paramref name="action"/> on the writer between two groups: every write queued before the call is durable
    /// and applied, none queued after it is written yet (checkpoints need exactly this cut). An I/O error in it fails
    /// the log like a write error.
    /// </summary>
    public Task<T> RunBetweenGroupsAsync<T>(Func<T> action)
    {
        var barrier = new Barrier<T>(action);
        return _queue.Writer.TryWrite(barrier) ? barrier.Completion.Task : Task.FromCanceled<T>(new CancellationToken(canceled: true));
    }

    /// <summary>Stops taking writes and waits until every queued one is written; the log stays open for a last checkpoint.</summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        _wal.Dispose();
        _capacity.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<ICommittable>();
        var positions = new List<WalPosition>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            IBarrier? barrier = null;
            while (barrier is null && group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                if (next is IBarrier between)
                {
                    barrier = between;
                }
                else
                {
                    group.Add((ICommittable)next);
                }
            }

            if (group.Count > 0)
            {
                Commit(group, positions);
            }

            barrier?.Run(this);
        }
    }

    private void Fail(Exception ex)
    {
        if (_failure is null)
        {
            _failure = ex;
            LogWriteFailed(_logger, ex);
        }
    }

    private void Commit(List<ICommittable> group, List<WalPosition> positions)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (_failure is { } earlier)
            {
                throw earlier;
            }

            foreach (var write in group)
            {
                positions.Add(_wal.Write(write.Record));
            }

            _wal.Sync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Fail(ex);

            foreach (var write in group)
            {
                write.Completion.TrySetException(new AppendRejectedException(AppendRejection.Unavailable, $"store cannot write: {ex.Message}", ex));
                _capacity.Release();
            }

            group.Clear();
            positions.Clear();
            return;
        }

        _onSynced(clock.Elapsed, group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            group[i].OnDurable(positions[i]);
            group[i].Completion.TrySetResult();
            _capacity.Release();
        }

        group.Clear();
        positions.Clear();
    }

    private interface IBarrier
    {
        void Run(GroupCommitLog log);
    }

    private sealed class Barrier<T>(Func<T> action) : IBarrier
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(GroupCommitLog log)
        {
            if (log._failure is { } failure)
            {
                Completion.TrySetException(failure);
                return;
            }

            try
            {
                Completion.TrySetResult(action());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.Fail(ex);
                Completion.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Critical, Message = "Cannot write the WAL; refusing writes until restart")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
