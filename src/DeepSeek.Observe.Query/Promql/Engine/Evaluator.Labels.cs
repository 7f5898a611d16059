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
    private readonly Dictionary<VectorSelector, bool> _distinctWithoutName = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AggregateExpr, AggregationGroups> _groups = new(ReferenceEqualityComparer.Instance);

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

    private LabelSet GroupOf(AggregateExpr agg, LabelSet labels) => GroupsOf(agg).Key(GroupIdOf(agg, labels));

    /// <summary>
    /// The aggregation group of a series as a small integer: equal groups share one id (and one label-set instance),
    /// so a step can aggregate into an array instead of hashing label sets.
    /// </summary>
    private int GroupIdOf(AggregateExpr agg, LabelSet labels)
    {
        var groups = GroupsOf(agg);
        if (!groups.ByInput.TryGetValue(labels, out var id))
        {
            id = groups.Intern(GroupLabels(labels, agg.Grouping, agg.Without));
            if (groups.ByInput.Count < MemoLimit)
            {
                groups.ByInput[labels] = id;
            }
        }

        return id;
    }

    private AggregationGroups GroupsOf(AggregateExpr agg)
    {
        if (!_groups.TryGetValue(agg, out var groups))
        {
            _groups[agg] = groups = new AggregationGroups();
        }

        return groups;
    }

    /// <summary>One aggregation's groups for the whole query: input series → group id → group labels.</summary>
    private sealed class AggregationGroups
    {
        private readonly Dictionary<LabelSet, int> _ids = [];
        private readonly List<LabelSet> _keys = [];

        // Keys compare by reference: the loaded series' label sets are the same instances from step to step.
        public Dictionary<LabelSet, int> ByInput { get; } = new(ReferenceEqualityComparer.Instance);

        public int Count => _keys.Count;

        public LabelSet Key(int id) => _keys[id];

        public int Intern(LabelSet key)
        {
            if (!_ids.TryGetValue(key, out var id))
            {
                id = _keys.Count;
                _ids[key] = id;
                _keys.Add(key);
            }

            return id;
        }
    }

    // Past this many distinct inputs (label sets made per step by functions such as label_replace) nothing more is kept.
    private const int MemoLimit = 1 << 20;
}
