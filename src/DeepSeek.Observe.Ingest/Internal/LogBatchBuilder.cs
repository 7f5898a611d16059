using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>
/// Collects one request's log lines into streams, enforcing the limits every log receiver shares: streams per
/// request and line length. Breaking one refuses the whole request (400), so nothing of it is stored.
/// </summary>
internal sealed class LogBatchBuilder(IngestOptions options)
{
    private readonly Dictionary<LabelSet, List<LogEntry>> _streams = [];

    public int Lines { get; private set; }

    public void Add(LabelSet stream, LogEntry entry)
    {
        var bytes = Encoding.UTF8.GetByteCount(entry.Line);
        if (bytes > options.MaxLogLineBytes)
        {
            throw IngestRejectedException.BadRequest(
                $"log line of {bytes} bytes in stream {stream} exceeds the limit of {options.MaxLogLineBytes} bytes (Ingest:MaxLogLineBytes)");
        }

        if (!_streams.TryGetValue(stream, out var entries))
        {
            if (_streams.Count == options.MaxSeriesPerRequest)
            {
                throw IngestRejectedException.BadRequest($"request has more log streams than the limit of {options.MaxSeriesPerRequest}");
            }

            _streams[stream] = entries = [];
        }

        entries.Add(entry);
        Lines++;
    }

    public List<StreamEntries> Build() => [.. _streams.Select(s => new StreamEntries(s.Key, s.Value))];

    /// <summary>Structured metadata from name/value pairs: names must be valid label names (400 otherwise).</summary>
    public static LabelSet Metadata(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return LabelSet.Empty;
        }

        return LabelSet.TryCreate(pairs, out var set, out var error) && set.MetricName is null
            ? set
            : throw IngestRejectedException.BadRequest($"invalid structured metadata: {error ?? "__name__ is reserved"}");
    }
}
