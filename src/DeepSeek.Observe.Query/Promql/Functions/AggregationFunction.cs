namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>The aggregations that fold a group into one value (<see cref="Aggregator"/>); topk, bottomk, quantile and count_values have their own kernels.</summary>
public enum AggregationFunction
{
    Sum,
    Avg,
    Min,
    Max,
    Count,
    Group,
    StdDev,
    StdVar,
}
