using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Log events of <see cref="PostgresChunkStore"/> (ids 1401–1409).</summary>
internal sealed partial class PostgresChunkStore
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information,
        Message = "PostgreSQL chunk store open: {Series} series with chunks, {Partitions} day partition(s)")]
    private static partial void LogOpened(ILogger logger, int series, int partitions);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning,
        Message = "Cannot flush {Chunks} chunk(s) to PostgreSQL; {Queued} stay queued for the next attempt: {Reason}")]
    private static partial void LogFlushFailed(ILogger logger, int chunks, int queued, string reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Sample chunk partition of day {Day} (days since 1970-01-01 UTC) ensured")]
    private static partial void LogPartitionCreated(ILogger logger, long day);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information,
        Message = "Retention dropped sample chunk partition {Partition} (all its chunks end before {CutoffMs})")]
    private static partial void LogPartitionDropped(ILogger logger, string partition, long cutoffMs);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Cannot read chunks from PostgreSQL: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
