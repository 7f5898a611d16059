using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>What the log writer takes from its queue, in order: writes, and requests to take a checkpoint between them.</summary>
internal abstract class WalWork;

/// <summary>A validated write waiting for its group's fsync.</summary>
internal sealed class PendingWrite(byte[] record, List<(MemSeries Series, Sample Sample)> apply, AppendResult result) : WalWork
{
    public byte[] Record { get; } = record;

    public List<(MemSeries Series, Sample Sample)> Apply { get; } = apply;

    public AppendResult Result { get; } = result;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Asks the writer for the head's state at a segment boundary: everything queued before the request is in the log
/// segments the checkpoint covers, nothing after it. Completes with null when nothing was written since the last one.
/// </summary>
internal sealed class CheckpointRequest : WalWork
{
    public TaskCompletionSource<Checkpoint.Content?> Snapshot { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
