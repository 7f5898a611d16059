namespace DeepSeek.Observe.Core;

/// <summary>One point of a series: a millisecond Unix timestamp (remote_write's unit) and a value.</summary>
public readonly record struct Sample(long TimestampMs, double Value)
{
    /// <summary>
    /// Prometheus's staleness marker: a NaN with this exact bit pattern, distinct from a NaN an exporter reports,
    /// which says "this series ended here".
    /// </summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002UL;

    /// <summary>The staleness marker value.</summary>
    public static double StaleNaN => BitConverter.UInt64BitsToDouble(StaleNaNBits);

    /// <summary>Whether this sample is a staleness marker (compared by bits: every NaN compares unequal).</summary>
    public bool IsStaleMarker => BitConverter.DoubleToUInt64Bits(Value) == StaleNaNBits;

    /// <summary>The timestamp as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);
}
