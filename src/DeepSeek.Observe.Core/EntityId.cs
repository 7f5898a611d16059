using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>
/// The canonical id of an entity as it appears in APIs: <c>node/&lt;Hostname&gt;</c>, <c>gpu/&lt;Hostname&gt;/&lt;gpu&gt;</c>,
/// <c>train_job/&lt;name&gt;</c>, <c>rank/&lt;train_job&gt;/&lt;rank&gt;</c>, <c>pod/&lt;namespace&gt;/&lt;pod&gt;</c>,
/// <c>container/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;</c>, <c>deployment/&lt;namespace&gt;/&lt;name&gt;</c>,
/// <c>storage/&lt;name&gt;</c>, <c>namespace/&lt;name&gt;</c>, <c>cluster/&lt;name&gt;</c>.
/// </summary>
/// <remarks>
/// Segments come from Kubernetes names and host names, none of which may contain '/', so the id needs no escaping;
/// a segment with '/' is rejected rather than silently producing an id that parses back differently.
/// </remarks>
[JsonConverter(typeof(EntityIdJsonConverter))]
public readonly record struct EntityId
{
    private EntityId(EntityKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The entity's kind.</summary>
    public EntityKind Kind { get; }

    /// <summary>The canonical id, e.g. <c>gpu/node-1/3</c>.</summary>
    public string Value { get; }

    /// <summary>The segments after the kind prefix, e.g. <c>["node-1", "3"]</c>.</summary>
    public IReadOnlyList<string> Segments => Value is null ? [] : Value.Split('/')[1..];

    public static EntityId Cluster(string name) => Create(EntityKind.Cluster, name);

    public static EntityId Node(string hostname) => Create(EntityKind.Node, hostname);

    public static EntityId Gpu(string hostname, string gpu) => Create(EntityKind.Gpu, hostname, gpu);

    public static EntityId Pod(string @namespace, string pod) => Create(EntityKind.Pod, @namespace, pod);

    public static EntityId Container(string @namespace, string pod, string container) =>
        Create(EntityKind.Container, @namespace, pod, container);

    public static EntityId TrainJob(string name) => Create(EntityKind.TrainJob, name);

    public static EntityId Rank(string trainJob, string rank) => Create(EntityKind.Rank, trainJob, rank);

    public static EntityId Deployment(string @namespace, string name) => Create(EntityKind.Deployment, @namespace, name);

    public static EntityId Storage(string name) => Create(EntityKind.Storage, name);

    public static EntityId Namespace(string name) => Create(EntityKind.Namespace, name);

    /// <summary>Builds an id from its kind and exactly the segments that kind requires.</summary>
    /// <exception cref="ArgumentException">A segment is empty or contains '/', or the count is wrong.</exception>
    public static EntityId Create(EntityKind kind, params ReadOnlySpan<string> segments)
    {
        var expected = EntityKinds.SegmentCount(kind);
        if (segments.Length != expected)
        {
            throw new ArgumentException(
                $"An entity of kind {kind} has {expected} id segment(s), not {segments.Length}.", nameof(segments));
        }

        foreach (var segment in segments)
        {
            if (string.IsNullOrEmpty(segment) || segment.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Entity id segment '{segment}' must be non-empty and must not contain '/'.", nameof(segments));
            }
        }

        return new EntityId(kind, string.Join('/', [EntityKinds.Prefix(kind), .. segments]));
    }

    /// <summary>Parses a canonical id such as <c>pod/default/web-0</c>.</summary>
    public static bool TryParse(string? value, out EntityId id)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split('/');
        if (!EntityKinds.TryParsePrefix(parts[0], out var kind)
            || parts.Length - 1 != EntityKinds.SegmentCount(kind)
            || parts.Skip(1).Any(string.IsNullOrEmpty))
        {
            return false;
        }

        id = new EntityId(kind, value);
        return true;
    }

    /// <summary>Parses a canonical id, throwing <see cref="FormatException"/> with the accepted forms when it is not one.</summary>
    public static EntityId Parse(string value) =>
        TryParse(value, out var id)
            ? id
            : throw new FormatException(
                $"'{value}' is not an entity id; expected one of {string.Join(", ", EntityKinds.Forms)}.");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
