using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// Alertmanager's webhook payload, version "4", field for field, so receivers written for Alertmanager work
/// unchanged. Label and annotation maps are name → value objects.
/// </summary>
public sealed record WebhookMessage(
    [property: JsonPropertyName("receiver")] string Receiver,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alerts")] IReadOnlyList<WebhookAlert> Alerts,
    [property: JsonPropertyName("groupLabels")] IReadOnlyDictionary<string, string> GroupLabels,
    [property: JsonPropertyName("commonLabels")] IReadOnlyDictionary<string, string> CommonLabels,
    [property: JsonPropertyName("commonAnnotations")] IReadOnlyDictionary<string, string> CommonAnnotations,
    [property: JsonPropertyName("externalURL")] string ExternalUrl,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("groupKey")] string GroupKey,
    [property: JsonPropertyName("truncatedAlerts")] int TruncatedAlerts)
{
    /// <summary>The payload version Alertmanager 0.25 sends.</summary>
    public const string CurrentVersion = "4";
}

/// <summary>One alert of a <see cref="WebhookMessage"/>; a firing alert's <c>endsAt</c> is Go's zero time.</summary>
public sealed record WebhookAlert(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("generatorURL")] string GeneratorUrl,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);
