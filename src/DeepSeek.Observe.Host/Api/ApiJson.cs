using System.Text.Json;

namespace DeepSeek.Observe.Host.Api;

/// <summary>JSON settings of the Prometheus-compatible API: camelCase names, as Prometheus writes them.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
