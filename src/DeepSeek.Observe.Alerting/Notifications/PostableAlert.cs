using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// An alert as a rule evaluator hands it to a notifier: the shape of Alertmanager's <c>POST /api/v2/alerts</c>
/// body. Firing alerts are re-sent while they fire with <see cref="EndsAt"/> a little in the future; a resolved alert
/// carries the time it resolved.
/// </summary>
/// <param name="Labels">Identifying labels, <c>alertname</c> included.</param>
/// <param name="Annotations">Templated annotations.</param>
/// <param name="StartsAt">When the alert started firing.</param>
/// <param name="EndsAt">When it resolved, or when it should be considered resolved if not re-sent; null: never.</param>
/// <param name="GeneratorUrl">A link back to the expression that produced it.</param>
public sealed record PostableAlert(
    LabelSet Labels,
    LabelSet Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string GeneratorUrl);
