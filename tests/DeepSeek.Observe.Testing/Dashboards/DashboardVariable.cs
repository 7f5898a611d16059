using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>A template variable; the dashboards use only Prometheus <c>label_values(selector, label)</c> queries.</summary>
public sealed partial record DashboardVariable(string Name, string Type, string? DatasourceUid, string Query, bool IncludeAll, string? AllValue)
{
    /// <summary>The selector and label of a <c>label_values(selector, label)</c> query; null for any other form.</summary>
    public (string Selector, string Label)? LabelValues =>
        LabelValuesRegex().Match(Query) is { Success: true } match ? (match.Groups[1].Value.Trim(), match.Groups[2].Value) : null;

    public static DashboardVariable From(JsonElement variable)
    {
        // Grafana 10+ stores the query as an object ({query, refId, qryType}); older dashboards as a string.
        var query = variable.TryGetProperty("query", out var q)
            ? q.ValueKind == JsonValueKind.Object ? (q.TryGetProperty("query", out var inner) ? inner.GetString() : null) : q.GetString()
            : null;
        return new DashboardVariable(
            variable.GetProperty("name").GetString() ?? "",
            variable.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
            variable.TryGetProperty("datasource", out var ds) && ds.ValueKind == JsonValueKind.Object && ds.TryGetProperty("uid", out var uid) ? uid.GetString() : null,
            query ?? "",
            variable.TryGetProperty("includeAll", out var all) && all.ValueKind == JsonValueKind.True,
            variable.TryGetProperty("allValue", out var allValue) && allValue.ValueKind == JsonValueKind.String ? allValue.GetString() : null);
    }

    [GeneratedRegex(@"^\s*label_values\((.+),\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValuesRegex();
}
