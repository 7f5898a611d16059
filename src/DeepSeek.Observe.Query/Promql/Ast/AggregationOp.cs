namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>The aggregation operators of PromQL.</summary>
public enum AggregationOp
{
    Sum,
    Avg,
    Count,
    Min,
    Max,
    Group,
    Stddev,
    Stdvar,
    Topk,
    Bottomk,
    CountValues,
    Quantile,
}

public static class AggregationOpExtensions
{
    /// <summary>Whether the operator takes a parameter before the vector (<c>topk(3, x)</c>).</summary>
    public static bool HasParameter(this AggregationOp op) =>
        op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile or AggregationOp.CountValues;

    public static string Text(this AggregationOp op) => op == AggregationOp.CountValues ? "count_values" : op.ToString().ToLowerInvariant();

    internal static AggregationOp FromKeyword(string word) =>
        string.Equals(word, "count_values", StringComparison.OrdinalIgnoreCase)
            ? AggregationOp.CountValues
            : Enum.Parse<AggregationOp>(word, ignoreCase: true);
}
