using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>A validated sample write waiting for the WAL writer: its record, what to apply once durable, and who waits.</summary>
internal sealed class PendingWrite(byte[] record, List<(MemSeries Series, Sample Sample)> apply, AppendResult result, Action<PendingWrite> onDurable)
    : ICommittable
{
    public byte[] Record { get; } = record;

    public List<(MemSeries Series, Sample Sample)> Apply { get; } = apply;

    public AppendResult Result { get; } = result;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnDurable(WalPosition position) => onDurable(this);
}
