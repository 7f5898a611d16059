using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>Label edits with PromQL's error reporting instead of <see cref="LabelSet"/>'s ArgumentException.</summary>
internal static class LabelSetEdits
{
    /// <summary>
    /// Sets (or, for an empty value, removes) a label. Prometheus would also accept a <c>__name__</c> value that is not
    /// a valid metric name; <see cref="LabelSet"/> cannot hold one, so that case is reported as an error.
    /// </summary>
    public static LabelSet Set(LabelSet labels, string name, string value)
    {
        if (value.Length == 0)
        {
            return labels.Without(name);
        }

        if (labels[name] == value)
        {
            return labels;
        }

        try
        {
            return labels.With(name, value);
        }
        catch (ArgumentException e)
        {
            throw new PromqlFunctionException(e.Message, e);
        }
    }
}
