using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// Collects per-step vectors into a matrix (a range query's result, a subquery's range vector). Most steps hand back
/// the very label-set instances of the previous step (loaded series, memoized groups), so a lookup by reference comes
/// first and hashing by content only when that misses.
/// </summary>
internal sealed class MatrixBuilder(bool rejectDuplicates)
{
    // Past this many instances, new ones are looked up by content only; the samples bound memory anyway.
    private const int ReferenceLimit = 1 << 20;

    private readonly Dictionary<LabelSet, List<Sample>> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<LabelSet, List<Sample>> _byContent = [];
    private readonly List<LabelSet> _order = [];

    public void Add(LabelSet labels, Sample sample)
    {
        if (!_byReference.TryGetValue(labels, out var points))
        {
            if (!_byContent.TryGetValue(labels, out points))
            {
                _byContent[labels] = points = [];
                _order.Add(labels);
            }

            if (_byReference.Count < ReferenceLimit)
            {
                _byReference[labels] = points;
            }
        }

        // Two samples of one label set at one step: the step's vector had duplicates.
        if (rejectDuplicates && points.Count > 0 && points[^1].TimestampMs == sample.TimestampMs)
        {
            throw new PromqlExecutionException("vector cannot contain metrics with the same labelset");
        }

        points.Add(sample);
    }

    /// <summary>The series sorted by labels.</summary>
    public List<SeriesPoints> Build()
    {
        _order.Sort(LabelSetComparer.Instance);
        return _order.ConvertAll(l => new SeriesPoints(l, _byContent[l]));
    }
}
