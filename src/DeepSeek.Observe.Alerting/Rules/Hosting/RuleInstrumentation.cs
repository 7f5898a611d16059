using Prometheus;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>Rule evaluation's self-metrics, per group, mirroring Prometheus's <c>prometheus_rule_*</c> series.</summary>
internal sealed class RuleInstrumentation
{
    public Counter Evaluations { get; } = Metrics.CreateCounter(
        "observe_rule_evaluations_total", "Rule evaluations, per rule group.", "rule_group");

    public Counter EvaluationFailures { get; } = Metrics.CreateCounter(
        "observe_rule_evaluation_failures_total", "Rule evaluations that failed (the rule's health is err), per rule group.", "rule_group");

    public Gauge LastDuration { get; } = Metrics.CreateGauge(
        "observe_rule_group_last_duration_seconds", "Time the last evaluation of the whole group took.", "rule_group");

    public Counter MissedIterations { get; } = Metrics.CreateCounter(
        "observe_rule_group_iterations_missed_total", "Evaluations skipped because the group's previous one ran past them.", "rule_group");

    public Gauge Rules { get; } = Metrics.CreateGauge(
        "observe_rule_group_rules", "Rules in the group.", "rule_group");

    public Counter AlertsSent { get; } = Metrics.CreateCounter(
        "observe_rule_alerts_sent_total", "Alerts handed to an alert sink, per sink.", "sink");

    public Counter SendFailures { get; } = Metrics.CreateCounter(
        "observe_rule_alert_send_failures_total", "Batches of alerts an alert sink refused, per sink.", "sink");
}
