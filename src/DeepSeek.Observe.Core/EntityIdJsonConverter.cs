using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>Writes an <see cref="EntityId"/> as its canonical string.</summary>
public sealed class EntityIdJsonConverter : JsonConverter<EntityId>
{
    public override EntityId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return EntityId.TryParse(text, out var id) ? id : throw new JsonException($"'{text}' is not an entity id.");
    }

    public override void Write(Utf8JsonWriter writer, EntityId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
