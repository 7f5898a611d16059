using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Reading Alertmanager-shaped JSON (webhook payloads, <c>/api/v2/alerts</c>) in assertions.</summary>
internal static class AlertJson
{
    public static string? Str(this JsonElement element, string name) => element.GetProperty(name).GetString();

    /// <summary>A JSON object of strings (labels, annotations) as a dictionary.</summary>
    public static Dictionary<string, string> ToMap(this JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>An alert's <c>labels</c>.</summary>
    public static Dictionary<string, string> Labels(this JsonElement alert) => alert.GetProperty("labels").ToMap();
}
