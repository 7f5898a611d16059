namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// The time range a range-vector function sees: <c>metric[range] offset o</c> evaluated at step time <c>t</c> has
/// <see cref="StartMs"/> = t − o − range and <see cref="EndMs"/> = t − o.
/// </summary>
/// <remarks>
/// Selection contract (the engine's job, not these functions'): Prometheus 2.x selects samples with
/// <c>StartMs ≤ timestamp ≤ EndMs</c> — closed at both ends (Prometheus 3.0 made it left-open; 2.42 is closed, which
/// the promtool oracle test confirms with count_over_time on boundary samples). Staleness markers are dropped
/// before the functions run, and points arrive sorted by timestamp with no duplicates.
/// </remarks>
public readonly record struct RangeWindow(long StartMs, long EndMs)
{
    /// <summary>
    /// The range in seconds, the divisor of rate(), computed as Go's <c>time.Duration.Seconds()</c> does (whole seconds
    /// plus nanoseconds ÷ 1e9) so sub-second ranges round identically.
    /// </summary>
    public double RangeSeconds
    {
        get
        {
            var ms = EndMs - StartMs;
            return (ms / 1000) + ((ms % 1000) * 1_000_000 / 1e9);
        }
    }

    /// <summary>Whether a sample at <paramref name="timestampMs"/> belongs to the window (2.42: closed interval).</summary>
    public bool Contains(long timestampMs) => timestampMs >= StartMs && timestampMs <= EndMs;
}
