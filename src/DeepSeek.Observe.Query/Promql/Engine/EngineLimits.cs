namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>The knobs of one evaluation, from <see cref="QueryOptions"/>: lookback and the bound on loaded samples.</summary>
public sealed record EngineLimits(long LookbackDeltaMs = 300_000, long MaxSamples = 50_000_000, int MaxSeries = 500_000)
{
    public const string TooManySamples = "query processing would load too many samples into memory in query execution";
}
