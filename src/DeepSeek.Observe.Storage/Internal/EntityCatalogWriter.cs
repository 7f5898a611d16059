using System.Text.Json;
using System.Threading.Channels;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prometheus;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>
/// Keeps PostgreSQL's entity catalog (<c>observe.entities</c>, <c>observe.entity_edges</c>) in step with the series the
/// store holds: every series the store creates (or replays at start-up) is resolved to its entities and edges, which
/// are upserted in batches. The catalog is derived data, so a full queue drops (and counts) rather than slowing ingest;
/// a restart rebuilds it from the replayed series.
/// </summary>
internal sealed partial class EntityCatalogWriter(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<EntityCatalogWriter> logger)
    : BackgroundService, ISeriesCreationObserver
{
    private const int QueueCapacity = 100_000;
    private const int MaxBatch = 5_000;

    // What was already written is remembered only to skip redundant upserts; past this many, forgetting costs
    // nothing but idempotent re-upserts, while remembering forever would grow with pod churn.
    private const int MaxRemembered = 1_000_000;
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(5);

    private static readonly Counter s_dropped = Metrics.CreateCounter(
        "observe_storage_entity_catalog_dropped_total", "New series not written to the PostgreSQL entity catalog because its queue was full.");

    private static readonly Counter s_written = Metrics.CreateCounter(
        "observe_storage_entity_catalog_upserts_total", "Entities upserted into the PostgreSQL entity catalog.");

    private readonly Channel<LabelSet> _queue = Channel.CreateBounded<LabelSet>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly HashSet<EntityId> _known = [];
    private readonly HashSet<TopologyEdge> _knownEdges = [];

    /// <summary>Called for every series the store creates; never blocks.</summary>
    public void OnSeriesCreated(LabelSet series)
    {
        if (!_queue.Writer.TryWrite(series))
        {
            s_dropped.Inc();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LabelSet>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var series))
            {
                batch.Add(series);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await WriteAsync(batch, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    LogWriteFailed(logger, s_retryDelay, ex.Message);
                    await Task.Delay(s_retryDelay, clock, stoppingToken);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<LabelSet> batch, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<EntityId, LabelSet>();
        var edges = new HashSet<TopologyEdge>();
        foreach (var series in batch)
        {
            var identity = EntityResolver.Resolve(series);
            foreach (var id in identity.Entities)
            {
                if (!_known.Contains(id))
                {
                    entities.TryAdd(id, identity.EntityLabels[id]);
                }
            }

            foreach (var edge in identity.Edges)
            {
                if (!_knownEdges.Contains(edge))
                {
                    edges.Add(edge);
                }
            }
        }

        if (entities.Count == 0 && edges.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var npgsqlBatch = dataSource.CreateBatch();
        foreach (var (id, labels) in entities)
        {
            // A re-seen entity keeps its first_seen and gains any labels it did not have.
            var command = new NpgsqlBatchCommand(
                "INSERT INTO observe.entities (id, kind, labels, first_seen, last_seen) VALUES ($1, $2, $3, $4, $4) " +
                "ON CONFLICT (id) DO UPDATE SET labels = observe.entities.labels || EXCLUDED.labels, last_seen = EXCLUDED.last_seen");
            command.Parameters.Add(new NpgsqlParameter { Value = id.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = id.Kind.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(labels), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            npgsqlBatch.BatchCommands.Add(command);
        }

        foreach (var edge in edges)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO observe.entity_edges (parent_id, child_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = edge.Parent.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = edge.Child.Value });
            npgsqlBatch.BatchCommands.Add(command);
        }

        await npgsqlBatch.ExecuteNonQueryAsync(cancellationToken);
        s_written.Inc(entities.Count);
        if (_known.Count + entities.Count > MaxRemembered || _knownEdges.Count + edges.Count > MaxRemembered)
        {
            _known.Clear();
            _knownEdges.Clear();
        }

        _known.UnionWith(entities.Keys);
        _knownEdges.UnionWith(edges);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Cannot update the PostgreSQL entity catalog, retrying in {Delay}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, TimeSpan delay, string reason);
}
