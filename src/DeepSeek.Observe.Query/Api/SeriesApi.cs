using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
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
        ApiHandler.RunAsync(request, parameters =>
        {
            if (parameters.All("match[]").Count == 0)
            {
                throw ApiException.BadData("no match[] parameter provided");
            }

            var series = SeriesSelection.Select(parameters, querier, options.Value);
            return ApiResults.Success(SeriesSelection.Limit(series.Select(s => s.ToDictionary()), parameters.Limit));
        }, cancellationToken);

    private static Task<IResult> LabelsAsync(HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var names = SeriesSelection.Select(parameters, querier, options.Value)
                .SelectMany(s => s.Select(l => l.Name))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return ApiResults.Success(SeriesSelection.Limit(names, parameters.Limit));
        }, cancellationToken);

    private static Task<IResult> LabelValuesAsync(
        string name, HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            if (!LabelNames.IsValidLabelName(name) && name != LabelNames.MetricName)
            {
                throw ApiException.BadData($"invalid label name: \"{name}\"");
            }

            var values = SeriesSelection.Select(parameters, querier, options.Value)
                .Select(s => s[name])
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return ApiResults.Success(SeriesSelection.Limit(values, parameters.Limit));
        }, cancellationToken);
}
