using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// <c>/api/v1/series</c>, <c>/api/v1/labels</c> and <c>/api/v1/label/&lt;name&gt;/values</c>, GET or POST, with
/// Prometheus's JSON shapes and errors. Several <c>match[]</c> select the union of their series.
/// </summary>
internal static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/v1/series", ["GET", "POST"], SeriesAsync)
            .WithName("Series").WithSummary("Series matching match[] in [start, end].").WithTags("Query").DisableAntiforgery();
        endpoints.MapMethods("/api/v1/labels", ["GET", "POST"], LabelsAsync)
            .WithName("Labels").WithSummary("Label names of the matching series.").WithTags("Query").DisableAntiforgery();
        endpoints.MapGet("/api/v1/label/{name}/values", LabelValuesAsync)
            .WithName("LabelValues").WithSummary("Values of one label across the matching series.").WithTags("Query");
        return endpoints;
    }

    private static Task<IResult> SeriesAsync(HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        HandleAsync(request, parameters =>
        {
            if (parameters.All("match[]").Count == 0)
            {
                throw ApiException.BadData("no match[] parameter provided");
            }

            var series = Select(parameters, querier, options.Value);
            return ApiResults.Success(series.Select(s => s.ToDictionary()));
        }, cancellationToken);

    private static Task<IResult> LabelsAsync(HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        HandleAsync(request, parameters =>
        {
            var names = Select(parameters, querier, options.Value)
                .SelectMany(s => s.Select(l => l.Name))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return ApiResults.Success(Limit(names, parameters.Limit));
        }, cancellationToken);

    private static Task<IResult> LabelValuesAsync(
        string name, HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        HandleAsync(request, parameters =>
        {
            if (!LabelNames.IsValidLabelName(name) && name != LabelNames.MetricName)
            {
                throw ApiException.BadData($"invalid label name: \"{name}\"");
            }

            var values = Select(parameters, querier, options.Value)
                .Select(s => s[name])
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return ApiResults.Success(Limit(values, parameters.Limit));
        }, cancellationToken);

    private static async Task<IResult> HandleAsync(HttpRequest request, Func<ApiParameters, IResult> handle, CancellationToken cancellationToken)
    {
        try
        {
            return handle(await ApiParameters.ReadAsync(request, cancellationToken));
        }
        catch (ApiException error)
        {
            return ApiResults.Error(error);
        }
        catch (PromqlParseException ex)
        {
            return ApiResults.Error(ApiException.BadData(ex.Message, ex));
        }
    }

    /// <summary>The union of every match[]'s series (all series when none is given), bounded by the series limit.</summary>
    private static List<LabelSet> Select(ApiParameters parameters, ISeriesQuerier querier, QueryOptions options)
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
            foreach (var series in querier.Series(matchers, start, end, options.MaxSeries + 1))
            {
                union.Add(series);
            }

            if (union.Count > options.MaxSeries)
            {
                throw ApiException.Execution($"the selection exceeds the limit of {options.MaxSeries} series (Query:MaxSeries); narrow match[] or the time range");
            }
        }

        var result = union.ToList();
        result.Sort(static (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return Limit(result, parameters.Limit);
    }

    private static List<T> Limit<T>(IEnumerable<T> items, int? limit) =>
        limit is > 0 ? items.Take(limit.Value).ToList() : items.ToList();
}
