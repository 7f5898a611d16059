namespace DeepSeek.Observe.Core;

/// <summary>One ranked explanation of an incident.</summary>
/// <param name="Cause">The fault kind.</param>
/// <param name="Entity">The entity at fault.</param>
/// <param name="Probability">Calibrated probability in [0, 1].</param>
/// <param name="Evidence">Why the ranker believes it, strongest first.</param>
public sealed record RootCause(FaultKind Cause, EntityId Entity, double Probability, IReadOnlyList<Evidence> Evidence);
