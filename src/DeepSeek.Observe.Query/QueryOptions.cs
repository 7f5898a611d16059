using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Query;

/// <summary>Configuration section <c>Query</c>: bounds on what one API call may return.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "Query";

    /// <summary>Most series one series/labels call may touch; past it the call fails with a Prometheus-style error.</summary>
    [Range(1, 10_000_000)]
    public int MaxSeries { get; set; } = 500_000;

    /// <summary>Largest <c>limit</c> one logs call may ask for (Loki's <c>max_entries_limit_per_query</c> is 5000).</summary>
    [Range(1, 1_000_000)]
    public int MaxLogLines { get; set; } = 5000;

    /// <summary>How far back an instant vector selector looks for a series' latest sample (Prometheus's lookback delta).</summary>
    public TimeSpan LookbackDelta { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most samples one PromQL query may load (Prometheus's <c>--query.max-samples</c>).</summary>
    [Range(1, long.MaxValue)]
    public long MaxSamples { get; set; } = 50_000_000;

    /// <summary>Longest one PromQL query may run; past it the query fails with errorType <c>timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
