namespace DeepSeek.Observe.Core;

/// <summary>
/// DESIGN.md's <em>Action</em>: a remediation on one target. Named RemediationAction because <c>Action</c> would
/// collide with <see cref="System.Action"/> in every file that uses both.
/// </summary>
/// <param name="Id">Stable id; also the idempotency key actuators dedupe on.</param>
/// <param name="Kind">Scale, restart, cordon, rollback or checkpoint-restart.</param>
/// <param name="Target">The entity acted on.</param>
/// <param name="Parameters">Kind-specific parameters, e.g. <c>replicas=4</c>.</param>
/// <param name="Mode">Dry-run, auto or approval.</param>
/// <param name="State">Where the action is in its life.</param>
/// <param name="CreatedAt">When the policy proposed it.</param>
public sealed record RemediationAction(
    Guid Id,
    ActionKind Kind,
    EntityId Target,
    IReadOnlyDictionary<string, string> Parameters,
    ActionMode Mode,
    ActionState State,
    DateTimeOffset CreatedAt)
{
    /// <summary>The incident that prompted the action, if any.</summary>
    public Guid? IncidentId { get; init; }

    /// <summary>What happened, in words, once the action ends.</summary>
    public string? Outcome { get; init; }

    /// <summary>When the action reached its final state.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
