using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Internal;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>Reading: select streams from the index, then read their records from disk, nearest end of the range first.</summary>
internal sealed partial class EmbeddedLogStore
{
    public IReadOnlyList<LabelSet> Streams(IReadOnlyList<LabelMatcher> matchers, long startNs, long endNs, int limit)
    {
        lock (_lock)
        {
            return _index.Select(matchers)
                .Where(s => s.HasLinesIn(startNs, endNs))
                .Select(s => s.Labels)
                .Order(LabelSetComparer.Instance)
                .Take(limit)
                .ToList();
        }
    }

    public IReadOnlyList<StreamEntries> Query(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0 || query.EndNs < query.StartNs)
        {
            return [];
        }

        var records = Records(query);
        var backward = query.Direction == LogDirection.Backward;

        // The kept lines, worst first: the oldest when keeping the newest (backward), the newest when keeping the oldest.
        var kept = new PriorityQueue<(LabelSet Stream, LogEntry Entry), long>(query.Limit + 1);
        foreach (var (position, (min, max, streams)) in records)
        {
            // Records come nearest-first by their edge time; once the queue is full and a record cannot beat its
            // worst line, no later record can either.
            if (kept.Count == query.Limit && kept.TryPeek(out var worst, out _)
                && (backward ? max < worst.Entry.TimestampNs : min > worst.Entry.TimestampNs))
            {
                break;
            }

            var payload = _wal.Read(position);
            if (payload is null)
            {
                continue;
            }

            foreach (var stream in LogWalRecord.Decode(payload))
            {
                if (!streams.Contains(stream.Labels))
                {
                    continue;
                }

                foreach (var entry in stream.Entries)
                {
                    if (entry.TimestampNs < query.StartNs || entry.TimestampNs > query.EndNs
                        || (query.Contains is { Length: > 0 } text && !entry.Line.Contains(text, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    kept.Enqueue((stream.Labels, entry), backward ? entry.TimestampNs : -entry.TimestampNs);
                    if (kept.Count > query.Limit)
                    {
                        kept.Dequeue();
                    }
                }
            }
        }

        return Group(kept, backward);
    }

    /// <summary>The records holding lines of the selected streams in range, nearest the end <c>limit</c> keeps first.</summary>
    private List<KeyValuePair<WalPosition, (long Min, long Max, HashSet<LabelSet> Streams)>> Records(LogQuery query)
    {
        var records = new Dictionary<WalPosition, (long Min, long Max, HashSet<LabelSet> Streams)>();
        lock (_lock)
        {
            var streams = new HashSet<MemLogStream>(ReferenceEqualityComparer.Instance);
            foreach (var selector in query.Selectors)
            {
                streams.UnionWith(_index.Select(selector));
            }

            foreach (var stream in streams)
            {
                foreach (var chunk in stream.Chunks)
                {
                    if (!chunk.Overlaps(query.StartNs, query.EndNs))
                    {
                        continue;
                    }

                    if (!records.TryGetValue(chunk.Position, out var record))
                    {
                        record = (long.MaxValue, long.MinValue, []);
                    }

                    record.Streams.Add(stream.Labels);
                    records[chunk.Position] = (Math.Min(record.Min, chunk.MinNs), Math.Max(record.Max, chunk.MaxNs), record.Streams);
                }
            }
        }

        var ordered = records.ToList();
        if (query.Direction == LogDirection.Backward)
        {
            ordered.Sort((a, b) => b.Value.Max.CompareTo(a.Value.Max));
        }
        else
        {
            ordered.Sort((a, b) => a.Value.Min.CompareTo(b.Value.Min));
        }

        return ordered;
    }

    // Dequeued worst first, which the grouping's stable sort keeps as arrival order among equal timestamps.
    private static List<StreamEntries> Group(PriorityQueue<(LabelSet Stream, LogEntry Entry), long> kept, bool backward)
    {
        var items = new List<(LabelSet, LogEntry)>(kept.Count);
        while (kept.TryDequeue(out var item, out _))
        {
            items.Add(item);
        }

        return LogResults.Group(items, backward ? LogDirection.Backward : LogDirection.Forward);
    }
}
