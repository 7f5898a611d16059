namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>Where some of a stream's lines are (one log record) and the time span they cover, in nanoseconds.</summary>
internal readonly record struct LogChunkRef(WalPosition Position, long MinNs, long MaxNs)
{
    public bool Overlaps(long startNs, long endNs) => MinNs <= endNs && MaxNs >= startNs;
}
