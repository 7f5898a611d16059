using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>The Prometheus HTTP API's response envelope.</summary>
internal sealed record ApiEnvelope<T>(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] T? Data,
    [property: JsonPropertyName("errorType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorType,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorMessage)
{
    public static ApiEnvelope<T> Success(T data) => new("success", data, null, null);

    public static ApiEnvelope<T> Error(string message) => new("error", default, "bad_data", message);
}
