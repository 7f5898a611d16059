using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>
/// One label set of an alerting rule across evaluations (Prometheus's rules.Alert): pending until <c>for</c> has
/// passed, then firing; inactive (resolved) alerts are kept for <see cref="RuleEvaluationSettings.ResolvedRetention"/>
/// so the resolution is notified.
/// </summary>
internal sealed class ActiveAlert(LabelSet labels, LabelSet annotations, DateTimeOffset activeAt, double value)
{
    public LabelSet Labels { get; } = labels;

    public LabelSet Annotations { get; set; } = annotations;

    public AlertState State { get; set; } = AlertState.Pending;

    public DateTimeOffset ActiveAt { get; set; } = activeAt;

    public double Value { get; set; } = value;

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public DateTimeOffset? KeepFiringSince { get; set; }

    /// <summary>Prometheus's needsSending: never while pending; a new resolution at once; otherwise every resend delay.</summary>
    public bool NeedsSending(DateTimeOffset at, TimeSpan resendDelay)
    {
        if (State == AlertState.Pending)
        {
            return false;
        }

        if (ResolvedAt is { } resolved && (LastSentAt is null || resolved > LastSentAt))
        {
            return true;
        }

        return LastSentAt is not { } sent || sent + resendDelay < at;
    }

    public Alert ToAlert() => new(Labels, Annotations, State, ActiveAt, Value) { FiredAt = FiredAt, ResolvedAt = ResolvedAt };
}
