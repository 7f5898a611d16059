using System.Text.Json;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Label sets as the jsonb of log_streams.labels and log_entries.metadata (the Prometheus object shape).</summary>
internal static class LogJson
{
    public static string Serialize(LabelSet labels) => JsonSerializer.Serialize(labels, JsonSerializerOptions.Default);

    public static LabelSet Labels(string json) => JsonSerializer.Deserialize<LabelSet>(json, JsonSerializerOptions.Default) ?? LabelSet.Empty;
}
