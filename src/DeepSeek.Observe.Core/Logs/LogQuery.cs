using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Core.Logs;

/// <summary>What a log query asks for.</summary>
/// <param name="Selectors">Stream selectors; a stream matching every matcher of any one of them is selected (union).</param>
/// <param name="StartNs">Inclusive start, Unix nanoseconds.</param>
/// <param name="EndNs">Inclusive end, Unix nanoseconds.</param>
/// <param name="Contains">When set, only lines containing this text (ordinal, like LogQL's <c>|=</c>).</param>
/// <param name="Limit">Most lines returned, across all streams.</param>
/// <param name="Direction">Which end of the range <paramref name="Limit"/> keeps.</param>
public sealed record LogQuery(
    IReadOnlyList<IReadOnlyList<LabelMatcher>> Selectors,
    long StartNs,
    long EndNs,
    string? Contains,
    int Limit,
    LogDirection Direction = LogDirection.Backward);
