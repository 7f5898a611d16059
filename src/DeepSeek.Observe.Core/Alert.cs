namespace DeepSeek.Observe.Core;

/// <summary>A rule's firing instance: one label set of one alerting rule.</summary>
/// <param name="Labels">Identifying labels, including <c>alertname</c>, <c>severity</c> and <c>layer</c>.</param>
/// <param name="Annotations">Templated annotations: <c>summary</c>, <c>description</c>, <c>runbook_url</c>.</param>
/// <param name="State">Pending, firing or resolved.</param>
/// <param name="ActiveAt">When the expression first held for this label set.</param>
/// <param name="Value">The expression's value at the last evaluation.</param>
public sealed record Alert(
    LabelSet Labels,
    LabelSet Annotations,
    AlertState State,
    DateTimeOffset ActiveAt,
    double Value)
{
    /// <summary>The label that names the rule.</summary>
    public const string AlertNameLabel = "alertname";

    /// <summary>When the alert went firing; null while pending.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>When the alert resolved; null while active.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The rule's name.</summary>
    public string Name => Labels[AlertNameLabel] ?? string.Empty;

    /// <summary>The severity from the <c>severity</c> label, when it is one of L1..L3.</summary>
    public Severity? Severity => SeverityLabel.TryParse(Labels[SeverityLabel.Name], out var severity) ? severity : null;

    /// <summary>Stable identity of the instance across evaluations and restarts (dedupe and idempotency keys).</summary>
    public ulong Fingerprint => Labels.Fingerprint;
}
