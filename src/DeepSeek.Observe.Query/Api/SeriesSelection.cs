using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// The series an API call is about: the union of every <c>match[]</c> (all series when none is given) with samples in
/// [start, end], in Prometheus's order, bounded by <see cref="QueryOptions.MaxSeries"/>. The caller applies <c>limit</c>
/// to what it returns (series, names or values), never to the series it derives them from.
/// </summary>
internal static class SeriesSelection
{
    public static List<LabelSet> Select(ApiParameters parameters, ISeriesQuerier querier, QueryOptions options)
    {
        var (start, end) = (parameters.StartMs, parameters.EndMs);
        if (end < start)
        {
            throw ApiException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
        }

        var selectors = parameters.All("match[]") is { Count: > 0 } matches
            ? matches.Select(SeriesSelectorParser.Parse).ToList()
            : [[LabelMatcher.Create(LabelNames.MetricName, LabelMatchType.Regex, ".+")]];

        var union = new HashSet<LabelSet>();
        foreach (var matchers in selectors)
        {
            // One over the limit tells "exactly at the limit" from "over it".
            union.UnionWith(querier.Series(matchers, start, end, options.MaxSeries + 1));
            if (union.Count > options.MaxSeries)
            {
                throw ApiException.Execution(
                    $"the selection exceeds the limit of {options.MaxSeries} series (Query:MaxSeries); narrow match[] or the time range");
            }
        }

        var result = union.ToList();
        result.Sort(LabelSetComparer.Instance);
        return result;
    }

    public static List<T> Limit<T>(IEnumerable<T> items, int? limit) =>
        limit is > 0 ? items.Take(limit.Value).ToList() : items.ToList();
}
