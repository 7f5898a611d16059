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
                case AggregationOp.CountValues:
                    result.Add(new VectorSample(key, members.Count, t));
                    break;
                default:
                    {
                        var aggregator = new Aggregator(ToFunction(agg.Op));
                        foreach (var m in members)
                        {
                            aggregator.Add(m.Value);
                        }

                        result.Add(new VectorSample(key, aggregator.Result, t));
                        break;
                    }
            }
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
