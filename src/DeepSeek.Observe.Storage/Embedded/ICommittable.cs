namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>A write queued for <see cref="GroupCommitLog"/>: its sealed record, and what to do once it is durable.</summary>
internal interface ICommittable
{
    byte[] Record { get; }

    /// <summary>Completed once the record is durable (then <see cref="OnDurable"/> has run), or faulted.</summary>
    TaskCompletionSource Completion { get; }

    /// <summary>Makes the write visible to readers; runs on the writer, after the fsync that covers the record.</summary>
    void OnDurable(WalPosition position);
}
