namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>
/// One sample line, pointing into the exposition text. <see cref="Series"/> is the metric name and label block as
/// written: a scraper can look it up in a cache and skip label parsing for series it saw in the previous scrape.
/// </summary>
internal readonly ref struct ExpositionSample(ReadOnlySpan<char> series, int nameLength, double value, long timestampMs, bool hasTimestamp)
{
    public ReadOnlySpan<char> Series { get; } = series;

    public ReadOnlySpan<char> Name => Series[..NameLength];

    public int NameLength { get; } = nameLength;

    public double Value { get; } = value;

    /// <summary>Milliseconds since the Unix epoch, when <see cref="HasTimestamp"/>.</summary>
    public long TimestampMs { get; } = timestampMs;

    public bool HasTimestamp { get; } = hasTimestamp;
}
