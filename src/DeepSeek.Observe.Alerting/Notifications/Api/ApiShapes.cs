using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary>Alertmanager API v2's <c>gettableAlert</c>.</summary>
internal sealed record GettableAlert(
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("endsAt")] string EndsAt,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("receivers")] IReadOnlyList<ReceiverName> Receivers,
    [property: JsonPropertyName("startsAt")] string StartsAt,
    [property: JsonPropertyName("status")] AlertStatus Status,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("generatorURL"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GeneratorUrl,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);

/// <summary>A receiver reference: <c>{"name": ...}</c>.</summary>
internal sealed record ReceiverName([property: JsonPropertyName("name")] string Name);

/// <summary>Why an alert is or is not notified now.</summary>
internal sealed record AlertStatus(
    [property: JsonPropertyName("inhibitedBy")] IReadOnlyList<string> InhibitedBy,
    [property: JsonPropertyName("silencedBy")] IReadOnlyList<string> SilencedBy,
    [property: JsonPropertyName("state")] string State);

/// <summary>Alertmanager API v2's <c>gettableSilence</c>.</summary>
internal sealed record GettableSilence(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] SilenceStatus Status,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("comment")] string Comment,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("endsAt")] string EndsAt,
    [property: JsonPropertyName("matchers")] IReadOnlyList<ApiMatcher> Matchers,
    [property: JsonPropertyName("startsAt")] string StartsAt);

/// <summary>A silence's state: <c>pending</c>, <c>active</c> or <c>expired</c>.</summary>
internal sealed record SilenceStatus([property: JsonPropertyName("state")] string State);

/// <summary>A silence matcher as the API spells it.</summary>
internal sealed record ApiMatcher(
    [property: JsonPropertyName("isEqual")] bool IsEqual,
    [property: JsonPropertyName("isRegex")] bool IsRegex,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

/// <summary>The answer to a silence POST.</summary>
internal sealed record SilenceCreated([property: JsonPropertyName("silenceID")] string SilenceId);
