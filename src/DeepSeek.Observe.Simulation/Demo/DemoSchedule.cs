using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Demo;

/// <summary>
/// The demo's faults: slot <c>i</c> covers [first + i·every, first + (i+1)·every); its fault, of a kind drawn from the
/// seed among those that fit the fleet, starts a tenth into the slot and lasts 60 % of it, so each fault is seen
/// start to finish with healthy time around it. Slots are a pure function of (seed, i): any window can be asked for.
/// </summary>
public sealed class DemoSchedule
{
    private readonly Fleet _fleet;
    private readonly ulong _seed;
    private readonly long _firstMs;
    private readonly long _everyMs;
    private readonly FaultKind[] _kinds;

    public DemoSchedule(Fleet fleet, ulong seed, long firstMs, TimeSpan every)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        _fleet = fleet;
        _seed = seed;
        _firstMs = firstMs;
        _everyMs = (long)every.TotalMilliseconds;
        _kinds = [.. FaultLibrary.Kinds.Where(k => FaultLibrary.Fits(k, fleet))];
        if (_everyMs <= 0 || _kinds.Length == 0)
        {
            throw new ArgumentException("the demo needs a positive fault interval and a fleet some fault fits");
        }
    }

    /// <summary>Every fault whose slot starts before <paramref name="untilMs"/>, in start order.</summary>
    public IReadOnlyList<Fault> Through(long untilMs)
    {
        var faults = new List<Fault>();
        for (long slot = 0; _firstMs + (slot * _everyMs) < untilMs; slot++)
        {
            faults.Add(At(slot));
        }

        return faults;
    }

    /// <summary>The fault of slot <paramref name="slot"/>.</summary>
    public Fault At(long slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        var key = StableHash.Combine(_seed, 0xDE30, (ulong)slot);
        var kind = _kinds[(int)(key % (ulong)_kinds.Length)];
        var start = _firstMs + (slot * _everyMs) + (_everyMs / 10);
        return FaultLibrary.Create(kind, _fleet, new FaultWindow(start, start + (_everyMs * 6 / 10)), StableHash.Mix(key));
    }
}
