using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// A row of <c>observe.series</c>: one label set whose samples live in <c>observe.sample_chunks</c> (which EF does not
/// map: it is a partitioned table written by binary COPY, see the <c>SampleChunks</c> migration).
/// </summary>
public sealed class SeriesRecord
{
    public long Id { get; set; }

    /// <summary><see cref="LabelSet.Fingerprint"/> as a signed 64-bit value: for sharding by series, not unique.</summary>
    public long Fingerprint { get; set; }

    /// <summary>SHA-256 of the label set (<see cref="SeriesKey"/>): the unique identity key.</summary>
    public required byte[] LabelsHash { get; set; }

    public required LabelSet Labels { get; set; }

    /// <summary>The oldest sample time (Unix ms) the store has held for the series.</summary>
    public long MinTime { get; set; }

    /// <summary>The newest sample time (Unix ms) among its durable chunks: what replay skips up to.</summary>
    public long MaxTime { get; set; }
}
