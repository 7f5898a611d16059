using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// A notification as the API shows it. The webhook URL is shown without credentials or query, which often carry
/// secrets (chat and paging services put tokens there), as Alertmanager keeps webhook URLs secret.
/// </summary>
internal sealed record NotificationView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey,
    [property: JsonPropertyName("receiver")] string Receiver,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("groupKey")] string GroupKey,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alerts")] int Alerts,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("nextAttemptAt")] DateTimeOffset? NextAttemptAt,
    [property: JsonPropertyName("lastAttemptAt")] DateTimeOffset? LastAttemptAt,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("completedAt")] DateTimeOffset? CompletedAt)
{
    internal static NotificationView From(OutboxRecord record) => new(
        record.Id,
        record.IdempotencyKey,
        record.Receiver,
        Redact(record.Url),
        record.GroupKey,
        record.Status,
        record.AlertCount,
        StateName(record.State),
        record.Attempts,
        record.CreatedAt,
        record.State == OutboxState.Pending ? record.NextAttemptAt : null,
        record.LastAttemptAt,
        record.LastError,
        record.CompletedAt);

    internal static string StateName(OutboxState state) => state switch
    {
        OutboxState.Pending => "pending",
        OutboxState.Delivered => "delivered",
        _ => "dead-lettered",
    };

    private static string Redact(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
