using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Core.Logs;

/// <summary>Reads log lines and streams from the store, for the logs API and topology.</summary>
public interface ILogQuerier
{
    /// <summary>
    /// The lines the query selects, grouped by stream; within a stream in <see cref="LogQuery.Direction"/> order, the
    /// <see cref="LogQuery.Limit"/> newest (or oldest) over all streams.
    /// </summary>
    IReadOnlyList<StreamEntries> Query(LogQuery query);

    /// <summary>Labels of the streams matching every matcher that have a line in [<paramref name="startNs"/>, <paramref name="endNs"/>].</summary>
    IReadOnlyList<LabelSet> Streams(IReadOnlyList<LabelMatcher> matchers, long startNs, long endNs, int limit);
}
