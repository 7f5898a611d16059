using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>Which labels pair two samples in vector matching, and the labels of the paired result.</summary>
internal static class MatchingSignature
{
    /// <summary><c>on(l)</c>: just those labels; <c>ignoring(l)</c> (and no clause): all but those and the metric name.</summary>
    public static LabelSet Of(LabelSet labels, VectorMatching matching)
    {
        if (matching.On)
        {
            return Keep(labels, matching.MatchingLabels);
        }

        var result = labels.Without(LabelNames.MetricName);
        foreach (var name in matching.MatchingLabels)
        {
            result = result.Without(name);
        }

        return result;
    }

    public static LabelSet ResultLabels(LabelSet many, LabelSet one, VectorMatching matching, bool dropName)
    {
        var result = dropName ? many.Without(LabelNames.MetricName) : many;
        if (matching.Card == VectorMatchCardinality.OneToOne)
        {
            if (matching.On)
            {
                result = Keep(result, matching.MatchingLabels);
            }
            else
            {
                foreach (var name in matching.MatchingLabels)
                {
                    result = result.Without(name);
                }
            }
        }

        foreach (var name in matching.Include)
        {
            result = one[name] is { } value ? result.With(name, value) : result.Without(name);
        }

        return result;
    }

    private static LabelSet Keep(LabelSet labels, IReadOnlyList<string> names) =>
        LabelSet.Create(labels.Where(l => names.Contains(l.Name)).Select(l => KeyValuePair.Create(l.Name, l.Value)));
}
