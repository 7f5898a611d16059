using System.Text.Encodings.Web;
using System.Text.Json;
using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Alerting.Rules.Templates;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// Prometheus's <c>GET /api/v1/rules</c> (with <c>type=alert|record</c>) and <c>GET /api/v1/alerts</c>, and
/// <c>POST /-/reload</c> for the rule files.
/// </summary>
internal static class RulesApi
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Rules(HttpRequest request, RuleManager manager)
    {
        var type = request.Query["type"].ToString();
        if (type.Length > 0 && type is not ("alert" or "record"))
        {
            return Error("bad_data", $"not supported value \"{type}\"", StatusCodes.Status400BadRequest);
        }

        var groups = new List<RuleGroupJson>();
        foreach (var group in manager.Groups)
        {
            var rules = new List<object>();
            foreach (var rule in group.Rules)
            {
                if (rule is AlertingRule alerting && type != "record")
                {
                    rules.Add(Alerting(alerting));
                }
                else if (rule is RecordingRule recording && type != "alert")
                {
                    rules.Add(Recording(recording));
                }
            }

            // Prometheus leaves out groups the type filter emptied.
            if (type.Length > 0 && rules.Count == 0)
            {
                continue;
            }

            groups.Add(new RuleGroupJson(
                group.Definition.Name, group.Definition.File, rules, group.Interval.TotalSeconds, group.Definition.Limit,
                group.EvaluationDuration.TotalSeconds, Utc(group.LastEvaluation)));
        }

        return Success(new RuleDiscoveryJson(groups));
    }

    public static IResult Alerts(RuleManager manager) =>
        Success(new AlertDiscoveryJson([.. manager.Groups.SelectMany(g => g.Rules).OfType<AlertingRule>()
            .SelectMany(r => r.Alerts).Where(a => a.State != AlertState.Resolved).Select(ToJson)]));

    public static async Task<IResult> Reload(RuleManager manager, CancellationToken cancellationToken)
    {
        var errors = await manager.ReloadAsync(cancellationToken);
        return errors.Count == 0
            ? Results.Ok()
            : Error("bad_data", "failed to reload rule files: " + string.Join("; ", errors), StatusCodes.Status400BadRequest);
    }

    private static AlertingRuleJson Alerting(AlertingRule rule)
    {
        var alerts = rule.Alerts.Where(a => a.State != AlertState.Resolved).ToList();
        var state = alerts.Any(a => a.State == AlertState.Firing) ? "firing" : alerts.Count > 0 ? "pending" : "inactive";
        var definition = rule.Definition;
        return new AlertingRuleJson(
            state, definition.Name, definition.Expression, definition.For.TotalSeconds, definition.KeepFiringFor.TotalSeconds,
            Texts(definition.Labels), Texts(definition.Annotations), [.. alerts.Select(ToJson)],
            Health(rule.Health), rule.LastError, rule.EvaluationDuration.TotalSeconds, Utc(rule.LastEvaluation), "alerting");
    }

    private static RecordingRuleJson Recording(RecordingRule rule) =>
        new(rule.Definition.Name, rule.Definition.Expression, rule.Definition.Labels.Count > 0 ? Texts(rule.Definition.Labels) : null,
            Health(rule.Health), rule.LastError, rule.EvaluationDuration.TotalSeconds, Utc(rule.LastEvaluation), "recording");

    private static AlertJson ToJson(Alert alert) =>
        new(alert.Labels.ToDictionary(), alert.Annotations.ToDictionary(), alert.State == AlertState.Firing ? "firing" : "pending",
            alert.ActiveAt.UtcDateTime, GoFormat.ShortestE(alert.Value));

    private static Dictionary<string, string> Texts(IReadOnlyList<KeyValuePair<string, RuleTemplate>> templates) =>
        templates.ToDictionary(t => t.Key, t => t.Value.Text, StringComparer.Ordinal);

    // Never evaluated: Go's zero time, as Prometheus reports it.
    private static DateTime Utc(DateTimeOffset? time) => time?.UtcDateTime ?? DateTime.SpecifyKind(default, DateTimeKind.Utc);

    private static string Health(RuleHealth health) => health switch
    {
        RuleHealth.Ok => "ok",
        RuleHealth.Err => "err",
        _ => "unknown",
    };

    private static IResult Success<T>(T data) => Results.Json(new { status = "success", data }, s_json);

    private static IResult Error(string type, string message, int status) =>
        Results.Json(new { status = "error", errorType = type, error = message }, s_json, statusCode: status);
}
