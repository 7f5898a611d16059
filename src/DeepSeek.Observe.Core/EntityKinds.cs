namespace DeepSeek.Observe.Core;

/// <summary>Prefixes and shapes of canonical entity ids.</summary>
public static class EntityKinds
{
    /// <summary>The id forms, for error messages and help text.</summary>
    public static IReadOnlyList<string> Forms { get; } =
    [
        "cluster/<name>", "node/<Hostname>", "gpu/<Hostname>/<gpu>", "pod/<namespace>/<pod>",
        "container/<namespace>/<pod>/<container>", "train_job/<name>", "rank/<train_job>/<rank>",
        "deployment/<namespace>/<name>", "storage/<name>", "namespace/<name>",
    ];

    /// <summary>The id prefix of a kind, e.g. <c>train_job</c>.</summary>
    public static string Prefix(EntityKind kind) => kind switch
    {
        EntityKind.Cluster => "cluster",
        EntityKind.Node => "node",
        EntityKind.Gpu => "gpu",
        EntityKind.Pod => "pod",
        EntityKind.Container => "container",
        EntityKind.TrainJob => "train_job",
        EntityKind.Rank => "rank",
        EntityKind.Deployment => "deployment",
        EntityKind.Storage => "storage",
        EntityKind.Namespace => "namespace",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    /// <summary>How many segments follow the prefix.</summary>
    public static int SegmentCount(EntityKind kind) => kind switch
    {
        EntityKind.Cluster or EntityKind.Node or EntityKind.TrainJob or EntityKind.Storage or EntityKind.Namespace => 1,
        EntityKind.Gpu or EntityKind.Pod or EntityKind.Rank or EntityKind.Deployment => 2,
        EntityKind.Container => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown entity kind."),
    };

    /// <summary>Maps an id prefix back to its kind.</summary>
    public static bool TryParsePrefix(string prefix, out EntityKind kind)
    {
        foreach (var candidate in Enum.GetValues<EntityKind>())
        {
            if (string.Equals(Prefix(candidate), prefix, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
