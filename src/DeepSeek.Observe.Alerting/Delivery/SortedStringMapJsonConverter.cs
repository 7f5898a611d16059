using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Label and annotation maps with keys in order, as Go's encoding/json writes a map: the same alert then has the
/// same bytes (and signature) whichever order the labels were gathered in.
/// </summary>
internal sealed class SortedStringMapJsonConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader) ?? new Dictionary<string, string>();

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, text) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, text);
        }

        writer.WriteEndObject();
    }
}
