using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.RuleTests;

internal sealed partial class RuleTestGroupRun
{
    /// <summary>
    /// Compares every <c>alert_rule_test</c> at <paramref name="evalTime"/> with the firing alerts (pending ones do
    /// not count) of every alerting rule of that name in any group: labels including <c>alertname</c> and the
    /// expanded rule labels, and the expanded annotations, as multisets (order does not matter).
    /// </summary>
    private List<string> CheckAlerts(List<RuleGroupEvaluator> groups, TimeSpan evalTime)
    {
        var errors = new List<string>();
        foreach (var test in _test.AlertRuleTests.Where(t => t.EvalTime == evalTime))
        {
            var got = groups
                .SelectMany(g => g.Rules.OfType<AlertingRule>())
                .Where(r => r.Definition.Name == test.AlertName)
                .SelectMany(r => r.ActiveAlerts().Where(a => a.State == AlertState.Firing).Select(a => LabeledAlert.Of(r, a)))
                .Order()
                .ToList();
            var expected = test.ExpectedAlerts
                .Select(e => LabeledAlert.Expected(e, test.AlertName))
                .Order()
                .ToList();
            if (!expected.SequenceEqual(got))
            {
                var name = _test.Name.Length > 0 ? $"    name: {_test.Name},\n" : string.Empty;
                errors.Add($"{name}    alertname: {test.AlertName}, time: {GoText.ModelDuration(test.EvalTime)}, \n"
                    + $"        exp:{Indent(LabeledAlert.ListString(expected), "            ")}, \n"
                    + $"        got:{Indent(LabeledAlert.ListString(got), "            ")}");
            }
        }

        return errors;
    }

    private static string Indent(string lines, string indent) => lines.Replace("\n", "\n" + indent, StringComparison.Ordinal);

    /// <summary>
    /// An alert as promtool compares it: name/value lists sorted by name. Plain lists rather than label sets, because
    /// Prometheus keeps an annotation that expanded to "" and an expected label may be written with an empty value.
    /// </summary>
    private sealed record LabeledAlert(KeyValuePair<string, string>[] Labels, KeyValuePair<string, string>[] Annotations)
        : IComparable<LabeledAlert>
    {
        public static LabeledAlert Of(AlertingRule rule, ActiveAlert alert) => new(
            Sorted(alert.Labels.Select(l => KeyValuePair.Create(l.Name, l.Value))),

            // Every annotation the rule defines, an empty expansion included (a label set drops empty values).
            Sorted(rule.Definition.Annotations.Select(a => KeyValuePair.Create(a.Key, alert.Annotations[a.Key] ?? string.Empty))));

        public static LabeledAlert Expected(ExpectedAlert alert, string alertName)
        {
            // The user writes the rule's labels; alertname is Prometheus's and always set to the test's.
            var labels = alert.Labels.Where(l => l.Key != Alert.AlertNameLabel).Append(KeyValuePair.Create(Alert.AlertNameLabel, alertName));
            return new LabeledAlert(Sorted(labels), Sorted(alert.Annotations));
        }

        public static string ListString(IReadOnlyList<LabeledAlert> alerts) =>
            alerts.Count == 0
                ? "[]"
                : "[\n" + string.Join(",\n", alerts.Select((a, i) => $"{i}:" + Indent("\n" + a, "  "))) + "\n]";

        public int CompareTo(LabeledAlert? other)
        {
            if (other is null)
            {
                return 1;
            }

            var byLabels = Compare(Labels, other.Labels);
            return byLabels != 0 ? byLabels : Compare(Annotations, other.Annotations);
        }

        public bool Equals(LabeledAlert? other) =>
            other is not null && Labels.SequenceEqual(other.Labels) && Annotations.SequenceEqual(other.Annotations);

        public override int GetHashCode() => HashCode.Combine(Labels.Length, Annotations.Length);

        public override string ToString() => "Labels:" + GoText.Labels(Labels) + "\nAnnotations:" + GoText.Labels(Annotations);

        private static KeyValuePair<string, string>[] Sorted(IEnumerable<KeyValuePair<string, string>> pairs) =>
            [.. pairs.OrderBy(p => p.Key, StringComparer.Ordinal)];

        // Prometheus's labels.Compare: pair by pair, name then value, then the shorter list first.
        private static int Compare(KeyValuePair<string, string>[] a, KeyValuePair<string, string>[] b)
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var byName = string.CompareOrdinal(a[i].Key, b[i].Key);
                if (byName != 0)
                {
                    return byName;
                }

                var byValue = string.CompareOrdinal(a[i].Value, b[i].Value);
                if (byValue != 0)
                {
                    return byValue;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
