using DeepSeek.Observe.Core.Logs;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>A log write waiting for the WAL writer; once durable, its streams are indexed at the record's position.</summary>
internal sealed class PendingLogWrite(byte[] record, IReadOnlyList<StreamEntries> batch, Action<WalPosition, IReadOnlyList<StreamEntries>> index)
    : ICommittable
{
    public byte[] Record { get; } = record;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnDurable(WalPosition position) => index(position, batch);
}
