using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>What every group's evaluation shares: Prometheus's global settings that rules see.</summary>
/// <param name="DefaultInterval">A group's interval when it sets none (Prometheus's global <c>evaluation_interval</c>).</param>
/// <param name="ExternalLabels">Templates' <c>$externalLabels</c>; also added to sent alerts that lack them.</param>
/// <param name="ExternalUrl">Templates' <c>$externalURL</c> and the base of each alert's generator URL.</param>
/// <param name="ResendDelay">Least time between two sends of a firing alert (Prometheus's <c>--rules.alert.resend-delay</c>).</param>
public sealed record RuleEvaluationSettings(TimeSpan DefaultInterval, LabelSet ExternalLabels, string ExternalUrl, TimeSpan ResendDelay)
{
    /// <summary>How long a resolved alert is kept (and re-sent as resolved); Prometheus's <c>resolvedRetention</c>.</summary>
    public static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(15);

    /// <summary>Prometheus's defaults: 1m interval, no external labels, 1m resend delay.</summary>
    public static RuleEvaluationSettings Default { get; } = new(TimeSpan.FromMinutes(1), LabelSet.Empty, string.Empty, TimeSpan.FromMinutes(1));
}
