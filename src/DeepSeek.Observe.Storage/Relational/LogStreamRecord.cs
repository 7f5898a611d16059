using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// A row of <c>observe.log_streams</c>: one log stream's label set, whose lines live in <c>observe.log_entries</c>
/// (which EF does not map: it is a partitioned table written by binary COPY, see the <c>LogStore</c> migration).
/// </summary>
public sealed class LogStreamRecord
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the label set (<see cref="SeriesKey"/>): the unique identity key, as for series.</summary>
    public required byte[] LabelsHash { get; set; }

    public required LabelSet Labels { get; set; }
}
