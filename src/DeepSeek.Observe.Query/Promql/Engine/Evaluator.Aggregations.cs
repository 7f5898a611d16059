using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Promql.Engine;

internal sealed partial class Evaluator
{
    private List<VectorSample> Aggregate(AggregateExpr agg, long t)
    {
        var param = agg.Param is null ? null : Eval(agg.Param, t);
        var input = Eval(agg.Expr, t).Vector;
        var countLabel = agg.Op == AggregationOp.CountValues ? param!.Text! : null;
        if (countLabel is not null)
        {
            CountValues.ValidateLabelName(countLabel);
        }

        if (countLabel is null && agg.Op is not (AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile))
        {
            return AggregateByGroupId(agg, input, t);
        }

        // Groups in order of first appearance, members in input order: Prometheus's order, which the
        // floating-point results and topk's tie-breaking depend on.
        var groups = new Dictionary<LabelSet, List<VectorSample>>();
        var order = new List<LabelSet>();
        foreach (var s in input)
        {
            var key = GroupOf(agg, s.Labels);
            if (countLabel is not null)
            {
                key = key.With(countLabel, CountValues.FormatValue(s.Value));
            }

            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }

            members.Add(s);
        }

        var result = new List<VectorSample>(order.Count);
        foreach (var key in order)
        {
            var members = groups[key];
            switch (agg.Op)
            {
                case AggregationOp.Topk or AggregationOp.Bottomk:
                    {
                        var k = TopK.ToK(param!.Scalar);
                        var values = members.Select(m => m.Value).ToArray();
                        var selected = new int[(int)Math.Min(Math.Max(k, 0), values.Length)];
                        var n = TopK.Select(values, k, agg.Op == AggregationOp.Bottomk, selected);
                        result.AddRange(selected.Take(n).Select(i => members[i] with { TimestampMs = t }));
                        break;
                    }

                case AggregationOp.Quantile:
                    result.Add(new VectorSample(key, Quantile.Compute(param!.Scalar, members.Select(m => m.Value).ToArray()), t));
                    break;
                default:
                    // count_values: the only other operation that reaches the member lists.
                    result.Add(new VectorSample(key, members.Count, t));
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// sum, avg, min, max, count, group, stddev, stdvar: one running aggregator per group id, fed in input order and
    /// reported in order of first appearance (the order Prometheus adds in, which the floating-point result depends on).
    /// </summary>
    private List<VectorSample> AggregateByGroupId(AggregateExpr agg, List<VectorSample> input, long t)
    {
        var function = ToFunction(agg.Op);
        var ids = new int[input.Count];
        for (var i = 0; i < input.Count; i++)
        {
            ids[i] = GroupIdOf(agg, input[i].Labels);
        }

        var groups = GroupsOf(agg);
        var slotOf = new int[groups.Count];
        var order = new List<int>();
        var aggregators = new List<Aggregator>();
        for (var i = 0; i < input.Count; i++)
        {
            // Slots are numbered from 1 so a zeroed array means "not seen at this step".
            var slot = slotOf[ids[i]] - 1;
            if (slot < 0)
            {
                slot = order.Count;
                slotOf[ids[i]] = slot + 1;
                order.Add(ids[i]);
                aggregators.Add(new Aggregator(function));
            }

            var aggregator = aggregators[slot];
            aggregator.Add(input[i].Value);
            aggregators[slot] = aggregator;
        }

        var result = new List<VectorSample>(order.Count);
        for (var slot = 0; slot < order.Count; slot++)
        {
            result.Add(new VectorSample(groups.Key(order[slot]), aggregators[slot].Result, t));
        }

        return result;
    }

    private static LabelSet GroupLabels(LabelSet labels, IReadOnlyList<string> grouping, bool without)
    {
        if (without)
        {
            var result = labels.Without(LabelNames.MetricName);
            foreach (var name in grouping)
            {
                result = result.Without(name);
            }

            return result;
        }

        return LabelSet.Create(labels.Where(l => grouping.Contains(l.Name)).Select(l => KeyValuePair.Create(l.Name, l.Value)));
    }

    private static AggregationFunction ToFunction(AggregationOp op) => op switch
    {
        AggregationOp.Sum => AggregationFunction.Sum,
        AggregationOp.Avg => AggregationFunction.Avg,
        AggregationOp.Min => AggregationFunction.Min,
        AggregationOp.Max => AggregationFunction.Max,
        AggregationOp.Count => AggregationFunction.Count,
        AggregationOp.Group => AggregationFunction.Group,
        AggregationOp.Stddev => AggregationFunction.StdDev,
        _ => AggregationFunction.StdVar,
    };
}
