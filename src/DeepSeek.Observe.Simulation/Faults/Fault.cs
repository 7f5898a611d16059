using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// One injected fault: its kind from the taxonomy, the entity where it originates, when it is active, and everything it
/// does to the fleet's telemetry (the signature on the root, the propagation to the entities that depend on it) and
/// logs. Effects are pure functions of the step, like the healthy values, so a seed always gives the same run.
/// After <see cref="FaultWindow.EndMs"/> the fleet recovers; what counters counted stays counted.
/// </summary>
public abstract class Fault : IFleetCondition
{
    protected Fault(Fleet fleet, FaultKind kind, EntityId root, FaultWindow window, ulong key)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (window.EndMs <= window.StartMs)
        {
            throw new ArgumentException("a fault must end after it starts", nameof(window));
        }

        Fleet = fleet;
        Kind = kind;
        Root = root;
        Window = window;
        Key = key;
    }

    public Fleet Fleet { get; }

    public FaultKind Kind { get; }

    /// <summary>Where the fault originates: what a perfect root-cause analysis names.</summary>
    public EntityId Root { get; }

    public FaultWindow Window { get; }

    /// <summary>Every entity whose telemetry or logs the fault changes, the root first.</summary>
    public abstract IReadOnlyList<EntityId> Affected { get; }

    /// <summary>One sentence on what happened, for the ground truth and the demo's console.</summary>
    public abstract string Description { get; }

    /// <summary>The fault's own randomness (which XID, how hot), drawn from the seed.</summary>
    protected ulong Key { get; }

    public abstract bool Affects(in SimulatedSeries series);

    public abstract double Apply(in SimulatedSeries series, in ConditionContext at, double value);

    /// <summary>The lines the fault makes the fleet log in [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    public virtual IEnumerable<SimulatedLog> Logs(long fromMs, long toMs) => [];

    public GroundTruthFault ToGroundTruth() => new(
        Kind, Root, DateTimeOffset.FromUnixTimeMilliseconds(Window.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(Window.EndMs), [.. Affected], Description);

    protected bool Active(in ConditionContext at) => Window.Contains(at.TimestampMs);

    /// <summary>Noise in [-1, 1) for this fault, a series and a step.</summary>
    protected double Noise(in SimulatedSeries series, in ConditionContext at) => StableHash.Noise(Key ^ series.Key, at.Step);

    /// <summary>A draw in [0, 1) from this fault's key and <paramref name="salt"/>.</summary>
    protected double Draw(ulong salt) => StableHash.Unit(StableHash.Combine(Key, salt));

    /// <summary>Timestamps every <paramref name="everyMs"/> from <paramref name="firstMs"/>, within [from, to) and the window.</summary>
    protected IEnumerable<long> Every(long firstMs, long everyMs, long fromMs, long toMs)
    {
        var end = Math.Min(toMs, Window.EndMs);
        var t = firstMs >= fromMs ? firstMs : firstMs + ((fromMs - firstMs + everyMs - 1) / everyMs * everyMs);
        for (; t < end; t += everyMs)
        {
            yield return t;
        }
    }

    /// <summary>True when <paramref name="timestampMs"/> falls in [from, to): for one-off lines such as the first XID.</summary>
    protected static bool Within(long timestampMs, long fromMs, long toMs) => timestampMs >= fromMs && timestampMs < toMs;
}
