namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Something that changes how part of the fleet behaves (a fault, a rollout): consulted per series and step on top of
/// the healthy value. <see cref="Affects"/> is asked once per series when a <see cref="FleetGenerator"/> is built, so
/// series no condition touches stay on the fast path.
/// </summary>
public interface IFleetCondition
{
    /// <summary>Whether this condition may ever change <paramref name="series"/>.</summary>
    bool Affects(in SimulatedSeries series);

    /// <summary>
    /// The value <paramref name="series"/> takes at <see cref="ConditionContext.Step"/>, given <paramref name="value"/>:
    /// what it would be if healthy, or what the conditions before this one made of it.
    /// </summary>
    double Apply(in SimulatedSeries series, in ConditionContext at, double value);
}
