using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// Label sets derived from a series' labels (without the metric name, an aggregation's group) are remembered for the
/// whole query: a range query meets the same loaded series at every step, and building a label set (copying, sorting,
/// hashing) for each of them at each step costs more than the arithmetic. Keys compare by reference: the loaded
/// series' label sets are the same instances from step to step. Bounded by the series the query loaded.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly Dictionary<LabelSet, LabelSet> _withoutName = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AggregateExpr, Dictionary<LabelSet, LabelSet>> _groups = new(ReferenceEqualityComparer.Instance);

    /// <summary><paramref name="labels"/> without <c>__name__</c>.</summary>
    private LabelSet DropName(LabelSet labels)
    {
        if (!_withoutName.TryGetValue(labels, out var result))
        {
            result = labels.Without(LabelNames.MetricName);
            if (_withoutName.Count < MemoLimit)
            {
                _withoutName[labels] = result;
            }
        }

        return result;
    }

    private LabelSet GroupOf(AggregateExpr agg, LabelSet labels)
    {
        if (!_groups.TryGetValue(agg, out var groups))
        {
            _groups[agg] = groups = new Dictionary<LabelSet, LabelSet>(ReferenceEqualityComparer.Instance);
        }

        if (!groups.TryGetValue(labels, out var group))
        {
            group = GroupLabels(labels, agg.Grouping, agg.Without);
            if (groups.Count < MemoLimit)
            {
                groups[labels] = group;
            }
        }

        return group;
    }

    // Past this many distinct inputs (label sets made per step by functions such as label_replace) nothing more is kept.
    private const int MemoLimit = 1 << 20;
}
