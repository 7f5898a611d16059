using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>Reads and writes a <see cref="LabelSet"/> as a JSON object, the shape Prometheus's APIs use.</summary>
public sealed class LabelSetJsonConverter : JsonConverter<LabelSet>
{
    public override LabelSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A label set must be a JSON object of string values.");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? string.Empty;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Label \"{name}\" must have a string value.");
            }

            pairs.Add(KeyValuePair.Create(name, reader.GetString() ?? string.Empty));
        }

        return LabelSet.TryCreate(pairs, out var set, out var error) ? set : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, LabelSet value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var label in value)
        {
            writer.WriteString(label.Name, label.Value);
        }

        writer.WriteEndObject();
    }
}
