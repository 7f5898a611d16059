using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// <c>/api/v1/rules</c> data, field for field as Prometheus 2.42 writes it. Times are UTC <see cref="DateTime"/>s so
/// they serialize with a <c>Z</c> as Go's RFC 3339 does (a DateTimeOffset would write <c>+00:00</c>).
/// </summary>
internal sealed record RuleDiscoveryJson([property: JsonPropertyName("groups")] IReadOnlyList<RuleGroupJson> Groups);

internal sealed record RuleGroupJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("rules")] IReadOnlyList<object> Rules,
    [property: JsonPropertyName("interval")] double Interval,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("evaluationTime")] double EvaluationTime,
    [property: JsonPropertyName("lastEvaluation")] DateTime LastEvaluation);

internal sealed record AlertingRuleJson(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("keepFiringFor")] double KeepFiringFor,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertJson> Alerts,
    [property: JsonPropertyName("health")] string Health,
    [property: JsonPropertyName("lastError"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    [property: JsonPropertyName("evaluationTime")] double EvaluationTime,
    [property: JsonPropertyName("lastEvaluation")] DateTime LastEvaluation,
    [property: JsonPropertyName("type")] string Type);

internal sealed record RecordingRuleJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("labels"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("health")] string Health,
    [property: JsonPropertyName("lastError"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError,
    [property: JsonPropertyName("evaluationTime")] double EvaluationTime,
    [property: JsonPropertyName("lastEvaluation")] DateTime LastEvaluation,
    [property: JsonPropertyName("type")] string Type);

/// <summary>One alert of <c>/api/v1/alerts</c> and of an alerting rule; the value is Go's shortest <c>%e</c>.</summary>
internal sealed record AlertJson(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("activeAt")] DateTime ActiveAt,
    [property: JsonPropertyName("value")] string Value);

internal sealed record AlertDiscoveryJson([property: JsonPropertyName("alerts")] IReadOnlyList<AlertJson> Alerts);
