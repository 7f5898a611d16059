using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Core.Topology;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// <c>GET /api/v1/entities</c>: the topology normalisation derives from the series in [start, end] — each entity's
/// kind, identifying labels, parent edges, layers, series count and log stream count (log streams are normalised by
/// the same labels). <c>kind=gpu</c> (an id prefix) and
/// <c>match[]</c> narrow it.
/// </summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/entities", HandleAsync)
            .WithName("Entities")
            .WithSummary("Entities (nodes, GPUs, pods, jobs, ranks, deployments) derived from telemetry labels, with edges and layers.")
            .WithTags("Topology");
        return endpoints;
    }

    private static Task<IResult> HandleAsync(
        HttpRequest request, ISeriesQuerier querier, ILogQuerier logs, IOptions<QueryOptions> options, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var kind = parameters.Single("kind");
            if (kind is not null && !EntityKinds.TryParsePrefix(kind, out _))
            {
                throw ApiException.BadData(
                    $"invalid parameter \"kind\": \"{kind}\" is not one of {string.Join(", ", Enum.GetValues<EntityKind>().Select(EntityKinds.Prefix))}");
            }

            var views = Aggregate(SeriesSelection.Select(parameters, querier, options.Value), LogStreams(parameters, logs, options.Value))
                .Where(v => kind is null || v.Id.StartsWith(kind + "/", StringComparison.Ordinal));
            return ApiResults.Success(SeriesSelection.Limit(views, parameters.Limit));
        }, cancellationToken);

    /// <summary>Log streams with lines in [start, end] matching any <c>match[]</c> (all when none is given).</summary>
    private static List<LabelSet> LogStreams(ApiParameters parameters, ILogQuerier logs, QueryOptions options)
    {
        var (start, end) = (LogsApi.ToNanoseconds(parameters.StartMs), LogsApi.ToNanoseconds(parameters.EndMs));
        var selectors = parameters.All("match[]") is { Count: > 0 } matches
            ? matches.Select(Promql.SeriesSelectorParser.Parse).ToList()
            : [[]];
        var union = new HashSet<LabelSet>();
        foreach (var matchers in selectors)
        {
            union.UnionWith(logs.Streams(matchers, start, end, options.MaxSeries + 1));
            if (union.Count > options.MaxSeries)
            {
                throw ApiException.Execution(
                    $"the selection exceeds the limit of {options.MaxSeries} log streams (Query:MaxSeries); narrow match[] or the time range");
            }
        }

        return [.. union];
    }

    private static IEnumerable<EntityView> Aggregate(IEnumerable<LabelSet> series, IEnumerable<LabelSet> streams)
    {
        var entities = new Dictionary<EntityId, (Dictionary<string, string> Labels, SortedSet<string> Parents, SortedSet<string> Layers, int Series, int Streams)>();
        foreach (var (labels, isStream) in series.Select(s => (s, false)).Concat(streams.Select(s => (s, true))))
        {
            var identity = EntityResolver.Resolve(labels);
            foreach (var id in identity.Entities)
            {
                if (!entities.TryGetValue(id, out var entry))
                {
                    entry = (new Dictionary<string, string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal), 0, 0);
                }

                foreach (var label in identity.EntityLabels[id])
                {
                    entry.Labels[label.Name] = label.Value;
                }

                if (identity.Layer is { } layer)
                {
                    entry.Layers.Add(layer.ToString());
                }

                entities[id] = isStream ? entry with { Streams = entry.Streams + 1 } : entry with { Series = entry.Series + 1 };
            }

            foreach (var edge in identity.Edges)
            {
                entities[edge.Child].Parents.Add(edge.Parent.Value);
            }
        }

        return entities
            .OrderBy(e => e.Key.Value, StringComparer.Ordinal)
            .Select(e => new EntityView(e.Key.Value, e.Key.Kind.ToString(), e.Value.Labels, [.. e.Value.Parents], [.. e.Value.Layers], e.Value.Series, e.Value.Streams));
    }
}
