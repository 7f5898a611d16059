using System.Text.Json;

namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>
/// One dashboard file of <c>dashboards/</c>, read the way Grafana reads it: panels (those nested in collapsed rows
/// too), their targets, and the template variables. Only what the checks need; the JSON stays the source of truth.
/// </summary>
public sealed class GrafanaDashboard
{
    private GrafanaDashboard(string file, JsonElement root)
    {
        File = file;
        Root = root;
        Uid = root.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String ? uid.GetString() : null;
        Title = root.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        SchemaVersion = root.TryGetProperty("schemaVersion", out var schema) && schema.ValueKind == JsonValueKind.Number ? schema.GetInt32() : 0;
        Panels = [.. FlattenPanels(root)];
        Variables = root.TryGetProperty("templating", out var templating) && templating.TryGetProperty("list", out var list)
            ? [.. list.EnumerateArray().Select(DashboardVariable.From)]
            : [];
    }

    /// <summary>The file name (e.g. <c>hardware.json</c>), for messages.</summary>
    public string File { get; }

    public JsonElement Root { get; }

    public string? Uid { get; }

    public string Title { get; }

    public int SchemaVersion { get; }

    /// <summary>Every panel, rows included, in file order (a collapsed row's panels follow it).</summary>
    public IReadOnlyList<JsonElement> Panels { get; }

    public IReadOnlyList<DashboardVariable> Variables { get; }

    /// <summary>Panels that draw data (everything but rows).</summary>
    public IEnumerable<JsonElement> DataPanels => Panels.Where(p => Type(p) != "row");

    /// <summary>Every panel target's query, in panel order.</summary>
    public IEnumerable<DashboardQuery> Queries =>
        DataPanels.SelectMany(panel => Targets(panel).Select(target => new DashboardQuery(
            this,
            panel.GetProperty("id").GetInt32(),
            panel.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
            target.TryGetProperty("refId", out var refId) ? refId.GetString() ?? "" : "",
            target.TryGetProperty("expr", out var expr) ? expr.GetString() ?? "" : "",
            target.TryGetProperty("instant", out var instant) && instant.ValueKind == JsonValueKind.True)));

    /// <summary>Reads every <c>*.json</c> of a directory, sorted by name.</summary>
    public static IReadOnlyList<GrafanaDashboard> LoadAll(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(Load)];

    public static GrafanaDashboard Load(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        return new GrafanaDashboard(Path.GetFileName(path), document.RootElement.Clone());
    }

    public static string Type(JsonElement panel) => panel.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";

    public static IEnumerable<JsonElement> Targets(JsonElement panel) =>
        panel.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array ? targets.EnumerateArray() : [];

    private static IEnumerable<JsonElement> FlattenPanels(JsonElement root)
    {
        if (!root.TryGetProperty("panels", out var panels) || panels.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            // A collapsed row carries its panels inside it; an expanded row's are siblings.
            if (panel.TryGetProperty("panels", out var nested) && nested.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }
}
