using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Times as Go's <c>time.Time</c> marshals them (RFC 3339, UTC as <c>Z</c>, fraction without trailing zeros), so
/// a firing alert's <c>endsAt</c> reads <c>0001-01-01T00:00:00Z</c> exactly as Alertmanager sends it.
/// </summary>
internal sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A time must be a string."), CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? text + "Z"
            : text + "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }
}
