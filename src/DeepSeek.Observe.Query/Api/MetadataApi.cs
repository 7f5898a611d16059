using System.Globalization;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// <c>GET /api/v1/metadata</c>: type, help and unit per metric family, as Prometheus 2.42 answers it (Grafana's metric
/// browser and hover help read it). <c>metric</c> selects one family (unknown: an empty object), <c>limit</c> caps the
/// families (negative: no cap; 0: none), <c>limit_per_metric</c> the entries per family (0 or negative: no cap; a
/// parameter of later Prometheus versions that 2.42 ignores, with their <c>bad_data</c> for a non-number).
/// </summary>
internal static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/metadata", MetadataAsync)
            .WithName("Metadata").WithSummary("Type, help and unit of each metric family.").WithTags("Query");
        return endpoints;
    }

    private static Task<IResult> MetadataAsync(HttpRequest request, IMetadataStore store, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var limit = Number(parameters, "limit");
            var perMetric = Number(parameters, "limit_per_metric");
            var metric = parameters.Single("metric") is { Length: > 0 } name ? name : null;
            var families = store.Query(metric, limit < 0 ? null : limit, perMetric <= 0 ? null : perMetric);
            var data = new SortedDictionary<string, MetadataView[]>(StringComparer.Ordinal);
            foreach (var (family, entries) in families)
            {
                data[family] = [.. entries.Select(e => new MetadataView(MetricTypes.Name(e.Type), e.Help, e.Unit))];
            }

            return ApiResults.Success(data);
        }, cancellationToken);

    /// <summary>An integer parameter, -1 when absent; Prometheus's message when it is not one.</summary>
    private static int Number(ApiParameters parameters, string name)
    {
        var text = parameters.Single(name);
        if (string.IsNullOrEmpty(text))
        {
            return -1;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadData($"{name} must be a number");
    }

    private sealed record MetadataView(string Type, string Help, string Unit);
}
