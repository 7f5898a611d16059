using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>The result shape every log store returns: streams in label order, each stream's lines in query direction.</summary>
internal static class LogResults
{
    /// <summary>Groups kept lines by stream; a stable sort keeps arrival order among equal timestamps.</summary>
    public static List<StreamEntries> Group(IEnumerable<(LabelSet Stream, LogEntry Entry)> kept, LogDirection direction)
    {
        var byStream = new Dictionary<LabelSet, List<LogEntry>>();
        foreach (var (stream, entry) in kept)
        {
            if (!byStream.TryGetValue(stream, out var entries))
            {
                byStream[stream] = entries = [];
            }

            entries.Add(entry);
        }

        return byStream
            .OrderBy(s => s.Key, LabelSetComparer.Instance)
            .Select(s => new StreamEntries(s.Key, direction == LogDirection.Backward
                ? s.Value.OrderByDescending(e => e.TimestampNs).ToList()
                : s.Value.OrderBy(e => e.TimestampNs).ToList()))
            .ToList();
    }
}
