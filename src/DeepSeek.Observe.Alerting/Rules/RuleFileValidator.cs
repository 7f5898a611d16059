using DeepSeek.Observe.Alerting.Rules.Templates;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>
/// Prometheus 2.42's rule-file checks (rulefmt's Validate), in its order and with its messages, so an error reads
/// the same here as from <c>promtool check rules</c>. Templates are also checked against the platform's template
/// subset, which is stricter than Go's parser.
/// </summary>
internal sealed class RuleFileValidator(IPromqlEvaluator promql)
{
    public (List<RuleGroupDefinition> Groups, List<string> Errors) Validate(string file, IReadOnlyList<RawGroup> raw)
    {
        var groups = new List<RuleGroupDefinition>();
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in raw)
        {
            if (group.Name.Length == 0)
            {
                errors.Add($"{file}: {group.Line}:{group.Column}: Groupname must not be empty");
            }

            if (!names.Add(group.Name))
            {
                errors.Add($"{file}: {group.Line}:{group.Column}: groupname: \"{group.Name}\" is repeated in the same file");
            }

            var rules = new List<RuleDefinition>();
            for (var i = 0; i < group.Rules.Count; i++)
            {
                var rule = group.Rules[i];
                var name = rule.Alert.Value.Length > 0 ? rule.Alert.Value : rule.Record.Value;
                var context = $"group \"{group.Name}\", rule {i + 1}, \"{name}\"";
                var ruleErrors = new List<(string? Position, string Message)>();
                var definition = Rule(rule, ruleErrors);
                foreach (var (position, message) in ruleErrors)
                {
                    errors.Add(position is null ? $"{file}: {context}: {message}" : $"{file}: {position}: {context}: {message}");
                }

                if (definition is not null)
                {
                    rules.Add(definition);
                }
            }

            groups.Add(new RuleGroupDefinition(file, group.Name, group.Interval > TimeSpan.Zero ? group.Interval : null, group.Limit, rules));
        }

        return (groups, errors);
    }

    private RuleDefinition? Rule(RawRule rule, List<(string? Position, string Message)> errors)
    {
        var start = errors.Count;
        if (rule.Record.Value.Length > 0 && rule.Alert.Value.Length > 0)
        {
            errors.Add(($"{rule.Record.Position}: {rule.Alert.Position}", "only one of 'record' and 'alert' must be set"));
        }

        if (rule.Record.Value.Length == 0 && rule.Alert.Value.Length == 0)
        {
            errors.Add((rule.Record.Position, "one of 'record' or 'alert' must be set"));
        }

        if (rule.Expr.Value.Length == 0)
        {
            errors.Add((rule.Expr.Position, "field 'expr' must be set in rule"));
        }
        else if (promql.Validate(rule.Expr.Value) is { } parseError)
        {
            errors.Add((rule.Expr.Position, $"could not parse expression: {parseError}"));
        }

        if (rule.Record.Value.Length > 0)
        {
            RecordingChecks(rule, errors);
        }

        foreach (var (name, value) in rule.Labels)
        {
            if (!LabelNames.IsValidLabelName(name) || name == LabelNames.MetricName)
            {
                errors.Add((null, $"invalid label name: {name}"));
            }

            if (value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                errors.Add((null, $"invalid label value: {value}"));
            }
        }

        foreach (var (name, _) in rule.Annotations)
        {
            if (!LabelNames.IsValidLabelName(name))
            {
                errors.Add((null, $"invalid annotation name: {name}"));
            }
        }

        // Prometheus parses templates of alerting rules only; a recording rule's labels are literal.
        var isAlert = rule.Alert.Value.Length > 0;
        var labels = Templates(rule.Labels, "label", isAlert, rule.Alert.Value, errors);
        var annotations = Templates(rule.Annotations, "annotation", isAlert, rule.Alert.Value, errors);
        if (errors.Count > start)
        {
            return null;
        }

        return isAlert
            ? new RuleDefinition(RuleKind.Alerting, rule.Alert.Value, rule.Expr.Value, rule.For, rule.KeepFiringFor, labels, annotations)
            : new RuleDefinition(RuleKind.Recording, rule.Record.Value, rule.Expr.Value, TimeSpan.Zero, TimeSpan.Zero, labels, []);
    }

    private static void RecordingChecks(RawRule rule, List<(string? Position, string Message)> errors)
    {
        var position = rule.Record.Position;
        if (rule.Annotations.Count > 0)
        {
            errors.Add((position, "invalid field 'annotations' in recording rule"));
        }

        if (rule.For != TimeSpan.Zero)
        {
            errors.Add((position, "invalid field 'for' in recording rule"));
        }

        if (rule.KeepFiringFor != TimeSpan.Zero)
        {
            errors.Add((position, "invalid field 'keep_firing_for' in recording rule"));
        }

        if (!LabelNames.IsValidMetricName(rule.Record.Value))
        {
            errors.Add((position, $"invalid recording rule name: {rule.Record.Value}"));
        }
    }

    private static List<KeyValuePair<string, RuleTemplate>> Templates(
        IReadOnlyList<KeyValuePair<string, string>> values, string kind, bool parse, string alertName, List<(string? Position, string Message)> errors)
    {
        var result = new List<KeyValuePair<string, RuleTemplate>>(values.Count);
        foreach (var (name, text) in values)
        {
            try
            {
                result.Add(KeyValuePair.Create(name, parse ? RuleTemplate.Parse(text, alertName) : RuleTemplate.Literal(text)));
            }
            catch (TemplateException ex)
            {
                errors.Add((null, $"{kind} \"{name}\": {ex.Message}"));
            }
        }

        return result;
    }
}
