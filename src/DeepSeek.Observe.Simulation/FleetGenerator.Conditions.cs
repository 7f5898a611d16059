using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// The healthy models' inputs, for conditions that recompute a value under other inputs: an inference pod's request
/// count and latency distribution, a GPU's load. Pure functions of (seed, entity, step) like the models themselves.
/// </summary>
public sealed partial class FleetGenerator
{
    /// <summary>An inference pod's requests since the start, unrounded: each of its counters is a share of these.</summary>
    internal ServedRequests Served(int pod, long step) => Served(_profiles.Pods[pod], new StepContext(Time, step));

    /// <summary>
    /// Share of a pod's quiet (or <paramref name="busy"/>) requests at or under <paramref name="bound"/> seconds when its
    /// median latency is <paramref name="slowdown"/> × healthy.
    /// </summary>
    internal double LatencyShare(int pod, double bound, bool busy, double slowdown)
    {
        var profile = _profiles.Pods[pod];
        return LatencyModel.Share(Median(profile, busy) * slowdown, bound, profile.LatencySigma);
    }

    /// <summary>A pod's mean latency of quiet (or <paramref name="busy"/>) requests (seconds) when its median is <paramref name="slowdown"/> × healthy.</summary>
    internal double MeanLatency(int pod, bool busy, double slowdown)
    {
        var profile = _profiles.Pods[pod];
        return LatencyModel.Mean(Median(profile, busy) * slowdown, profile.LatencySigma);
    }

    private static double Median(PodProfile profile, bool busy) => busy ? profile.LatencyMedian * LatencyModel.BusySlowdown : profile.LatencyMedian;

    /// <summary>The healthy load of a GPU at a step, in [0, 1].</summary>
    internal double GpuLoadAt(int gpu, long step) => GpuLoad(gpu, new StepContext(Time, step));

    /// <summary>How much a load-driven GPU gauge moves per unit of load (the slopes of the models in FleetGenerator.Signals.cs); 0 for the rest.</summary>
    internal double GpuLoadSlope(SignalKind kind, int gpu)
    {
        var profile = _profiles.Gpus[gpu];
        return kind switch
        {
            SignalKind.GpuUtil => 100,
            SignalKind.GpuTemp => 38,
            SignalKind.GpuMemoryTemp => 40,
            SignalKind.GpuPower => profile.WattsAtFullLoad - IdleWatts,
            SignalKind.GpuFbUsed => profile.FbPerLoadMiB,
            SignalKind.GpuFbFree => -profile.FbPerLoadMiB,
            SignalKind.GpuMemCopyUtil => 35,
            SignalKind.GpuGrEngineActive => 0.97,
            SignalKind.GpuTensorActive => 0.42,
            _ => 0,
        };
    }
}
