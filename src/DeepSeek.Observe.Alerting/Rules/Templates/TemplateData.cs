namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// What an alert template sees: Prometheus's <c>.Labels</c>, <c>.ExternalLabels</c>, <c>.ExternalURL</c> and
/// <c>.Value</c>, also bound to <c>$labels</c>, <c>$externalLabels</c>, <c>$externalURL</c> and <c>$value</c>.
/// </summary>
public sealed record TemplateData(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> ExternalLabels,
    string ExternalUrl,
    double Value);
