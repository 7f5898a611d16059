using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Log events of <see cref="PostgresLogStore"/> (ids 1411–1419).</summary>
internal sealed partial class PostgresLogStore
{
    [LoggerMessage(EventId = 1411, Level = LogLevel.Information,
        Message = "PostgreSQL log store open: {Streams} streams, {Partitions} day partition(s)")]
    private static partial void LogOpened(ILogger logger, int streams, int partitions);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Warning,
        Message = "Cannot append {Lines} log line(s) to PostgreSQL; refused as unavailable: {Reason}")]
    private static partial void LogAppendFailed(ILogger logger, int lines, string reason);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Information,
        Message = "Log retention dropped partition {Partition} (every line older than {Retention})")]
    private static partial void LogPartitionDropped(ILogger logger, string partition, TimeSpan retention);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Warning, Message = "Log retention could not run; the next pass retries: {Reason}")]
    private static partial void LogRetentionFailed(ILogger logger, string reason);
}
