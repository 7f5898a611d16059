using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

internal sealed partial class Evaluator
{
    private PromqlValue Binary(BinaryExpr bin, long t)
    {
        var lhs = Eval(bin.Lhs, t);
        var rhs = Eval(bin.Rhs, t);
        var lScalar = lhs.Type == PromqlValueType.Scalar;
        var rScalar = rhs.Type == PromqlValueType.Scalar;
        if (lScalar && rScalar)
        {
            var (value, keep) = BinaryOps.Apply(bin.Op, lhs.Scalar, rhs.Scalar);
            return PromqlValue.OfScalar(bin.ReturnBool ? (keep ? 1 : 0) : value);
        }

        if (lScalar || rScalar)
        {
            return PromqlValue.OfVector(WithUniqueLabels(
                VectorScalar(bin, lScalar ? rhs.Vector : lhs.Vector, lScalar ? lhs.Scalar : rhs.Scalar, swapped: lScalar, t)));
        }

        var matching = bin.Matching ?? new VectorMatching(VectorMatchCardinality.OneToOne, [], false, []);
        return PromqlValue.OfVector(bin.Op switch
        {
            BinaryOperator.And => SetFilter(lhs.Vector, rhs.Vector, matching, keepMatching: true),
            BinaryOperator.Unless => SetFilter(lhs.Vector, rhs.Vector, matching, keepMatching: false),
            BinaryOperator.Or => Or(lhs.Vector, rhs.Vector, matching),
            _ => VectorVector(bin, lhs.Vector, rhs.Vector, matching, t),
        });
    }

    private List<VectorSample> VectorScalar(BinaryExpr bin, List<VectorSample> vector, double scalar, bool swapped, long t)
    {
        var dropName = BinaryOps.DropsMetricName(bin);
        var result = new List<VectorSample>(vector.Count);
        foreach (var s in vector)
        {
            var (value, keep) = swapped ? BinaryOps.Apply(bin.Op, scalar, s.Value) : BinaryOps.Apply(bin.Op, s.Value, scalar);
            if (bin.Op.IsComparison() && !bin.ReturnBool)
            {
                // A filter keeps the vector's own value, whichever side it is on.
                if (!keep)
                {
                    continue;
                }

                value = s.Value;
            }
            else if (bin.ReturnBool)
            {
                value = keep ? 1 : 0;
            }

            result.Add(new VectorSample(dropName ? DropName(s.Labels) : s.Labels, value, t));
        }

        return result;
    }

    private static List<VectorSample> VectorVector(BinaryExpr bin, List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching matching, long t)
    {
        var oneToMany = matching.Card == VectorMatchCardinality.OneToMany;
        var (many, one) = oneToMany ? (rhs, lhs) : (lhs, rhs);
        var ones = new Dictionary<LabelSet, VectorSample>();
        foreach (var s in one)
        {
            if (!ones.TryAdd(MatchingSignature.Of(s.Labels, matching), s))
            {
                var side = oneToMany ? "left" : "right";
                throw new PromqlExecutionException(
                    $"found duplicate series for the match group {MatchingSignature.Of(s.Labels, matching)} on the {side} hand-side of the operation: [{ones[MatchingSignature.Of(s.Labels, matching)].Labels}, {s.Labels}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }

        var dropName = BinaryOps.DropsMetricName(bin);
        var matched = new HashSet<LabelSet>();
        var produced = new HashSet<LabelSet>();
        var result = new List<VectorSample>();
        foreach (var s in many)
        {
            var signature = MatchingSignature.Of(s.Labels, matching);
            if (!ones.TryGetValue(signature, out var other))
            {
                continue;
            }

            var (vl, vr) = oneToMany ? (other.Value, s.Value) : (s.Value, other.Value);
            var (value, keep) = BinaryOps.Apply(bin.Op, vl, vr);
            if (bin.ReturnBool)
            {
                value = keep ? 1 : 0;
            }
            else if (bin.Op.IsComparison())
            {
                if (!keep)
                {
                    continue;
                }

                value = vl;
            }

            var labels = MatchingSignature.ResultLabels(s.Labels, other.Labels, matching, dropName);
            if (matching.Card == VectorMatchCardinality.OneToOne)
            {
                if (!matched.Add(signature))
                {
                    throw new PromqlExecutionException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
            }
            else if (!produced.Add(labels))
            {
                throw new PromqlExecutionException("multiple matches for labels: grouping labels must ensure unique matches");
            }

            result.Add(new VectorSample(labels, value, t));
        }

        return result;
    }

    private static List<VectorSample> SetFilter(List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching matching, bool keepMatching)
    {
        var signatures = rhs.Select(s => MatchingSignature.Of(s.Labels, matching)).ToHashSet();
        return lhs.Where(s => signatures.Contains(MatchingSignature.Of(s.Labels, matching)) == keepMatching).ToList();
    }

    private static List<VectorSample> Or(List<VectorSample> lhs, List<VectorSample> rhs, VectorMatching matching)
    {
        var signatures = lhs.Select(s => MatchingSignature.Of(s.Labels, matching)).ToHashSet();
        return [.. lhs, .. rhs.Where(s => !signatures.Contains(MatchingSignature.Of(s.Labels, matching)))];
    }
}
