using System.Text.Json;
using DeepSeek.Observe.Alerting.Notifications;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// The bytes of a webhook body: Alertmanager's webhook v4 JSON as its Go encoder writes it (field order of the
/// records, sorted map keys, Go time format, Go string escaping, a trailing newline). Serialized
/// once, at enqueue, and stored, so retries send identical bytes under an identical signature.
/// </summary>
public static class WebhookPayload
{
    /// <summary>Options for webhook payloads; also usable by receivers in tests to read them back.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = GoJsonEncoder.Instance,
        Converters = { new GoTimeJsonConverter(), new SortedStringMapJsonConverter() },
    };

    public static byte[] Serialize(WebhookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = JsonSerializer.SerializeToUtf8Bytes(message, Options);
        var body = new byte[json.Length + 1];
        json.CopyTo(body, 0);
        body[^1] = (byte)'\n'; // json.Encoder.Encode ends every value with a newline
        return body;
    }

    public static WebhookMessage? Deserialize(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<WebhookMessage>(body, Options);
}
