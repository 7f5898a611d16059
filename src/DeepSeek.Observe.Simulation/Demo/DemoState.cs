using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Demo;

/// <summary>What the running demo has done so far, for its ground-truth endpoint: faults are listed once they start.</summary>
public sealed class DemoState
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _started = [];
    private ulong _seed;
    private long _startMs;
    private bool _running;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    internal void Begin(ulong seed, long startMs)
    {
        lock (_gate)
        {
            (_seed, _startMs, _running) = (seed, startMs, true);
        }
    }

    internal void FaultStarted(Fault fault)
    {
        lock (_gate)
        {
            _started.Add(fault);
        }
    }

    /// <summary>The run so far: seed, first simulated timestamp, and every fault that has started by <paramref name="nowMs"/>.</summary>
    public GroundTruth GroundTruth(long nowMs)
    {
        lock (_gate)
        {
            return FaultPlan.Of([.. _started]).ToGroundTruth(_seed, _startMs, nowMs);
        }
    }
}
