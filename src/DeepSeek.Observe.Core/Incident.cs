namespace DeepSeek.Observe.Core;

/// <summary>Alerts and anomalies correlated by time and topology into one thing to look at.</summary>
/// <param name="Id">Stable incident id.</param>
/// <param name="Title">One line for humans.</param>
/// <param name="Severity">The most severe member's severity.</param>
/// <param name="State">Open, mitigated or resolved.</param>
/// <param name="OpenedAt">When the first member appeared.</param>
/// <param name="Entities">Entities the members are on, most implicated first.</param>
/// <param name="AlertFingerprints">Fingerprints of the member alerts.</param>
/// <param name="Anomalies">Member anomalies.</param>
public sealed record Incident(
    Guid Id,
    string Title,
    Severity Severity,
    IncidentState State,
    DateTimeOffset OpenedAt,
    IReadOnlyList<EntityId> Entities,
    IReadOnlyList<ulong> AlertFingerprints,
    IReadOnlyList<Anomaly> Anomalies)
{
    /// <summary>When the incident resolved; null while it is not.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Ranked causes, most probable first; empty until analysed.</summary>
    public IReadOnlyList<RootCause> RootCauses { get; init; } = [];
}
