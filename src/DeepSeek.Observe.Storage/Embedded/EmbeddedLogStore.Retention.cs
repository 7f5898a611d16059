using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>Retention: whole segments go once their newest line is older than <see cref="StorageOptions.LogRetention"/>.</summary>
internal sealed partial class EmbeddedLogStore
{
    /// <summary>Deletes every complete segment past retention and forgets its lines; returns how many went.</summary>
    internal int EnforceRetention()
    {
        var cutoffNs = (_clock.GetUtcNow() - _options.LogRetention).ToUnixTimeMilliseconds() * 1_000_000;
        var deleted = 0;
        lock (_lock)
        {
            var active = _wal.ActiveSegment;
            var expired = _segmentMaxNs.Where(s => s.Key < active && s.Value < cutoffNs).Select(s => s.Key).ToHashSet();
            if (expired.Count == 0)
            {
                return 0;
            }

            // Forget first, then delete: a query that already copied a position finds the file gone and skips it.
            foreach (var stream in _index.Select([]))
            {
                stream.Chunks.RemoveAll(c => expired.Contains(c.Position.Segment));
                if (stream.Chunks.Count == 0)
                {
                    _index.Remove(stream);
                }
            }

            foreach (var segment in expired)
            {
                try
                {
                    _wal.DeleteSegment(segment);
                    _segmentMaxNs.Remove(segment);
                    deleted++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Its lines are already unreachable; the next pass tries the file again.
                    LogDeleteFailed(_logger, segment, ex);
                }
            }

            _instrumentation.LogStreams.Set(_index.Count);
        }

        _instrumentation.LogSegmentsDeleted.Inc(deleted);
        LogRetained(_logger, deleted, _options.LogRetention);
        return deleted;
    }

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Log retention deleted {Segments} segment(s) older than {Retention}")]
    private static partial void LogRetained(ILogger logger, int segments, TimeSpan retention);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Log retention could not delete segment {Segment}")]
    private static partial void LogDeleteFailed(ILogger logger, int segment, Exception exception);
}
