using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>The body of Alertmanager's <c>POST /api/v2/alerts</c>: an array of postable alerts, Go time format.</summary>
internal static class AlertmanagerPayload
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new GoTimeJsonConverter() },
    };

    public static byte[] Serialize(IReadOnlyList<PostableAlert> alerts) =>
        JsonSerializer.SerializeToUtf8Bytes(alerts.Select(Wire.From).ToArray(), s_options);

    private sealed record Wire(
        [property: JsonPropertyName("labels")] LabelSet Labels,
        [property: JsonPropertyName("annotations")] LabelSet Annotations,
        [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
        [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
        [property: JsonPropertyName("generatorURL")] string? GeneratorUrl)
    {
        public static Wire From(PostableAlert alert) =>
            new(alert.Labels, alert.Annotations, alert.StartsAt, alert.EndsAt, string.IsNullOrEmpty(alert.GeneratorUrl) ? null : alert.GeneratorUrl);
    }
}
