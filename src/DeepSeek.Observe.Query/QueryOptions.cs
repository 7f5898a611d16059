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
}
