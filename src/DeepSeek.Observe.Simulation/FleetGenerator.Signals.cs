using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>The value models: each is a healthy fleet's typical shape, noise included (units as the exporters use).</summary>
public sealed partial class FleetGenerator
{
    // dcgm-exporter reports FB_RESERVED (driver-held) apart from FB_USED/FB_FREE; on an H100 80GB it is about 519 MiB.
    internal const double FbReservedMiB = 519;
    internal const double IdleWatts = 68;

    // Checkpoints every 30 minutes; the last save's duration is what the gauge shows until the next one.
    private const double CheckpointIntervalSeconds = 1800;

    // Tokens one rank processes per optimizer step (micro-batch 8 × 4096-token sequences).
    private const double TokensPerRankStep = 32_768;

    private double Value(int index, in StepContext at)
    {
        ref readonly var series = ref _series[index];
        var parameter = _parameters[index];
        switch (series.Kind)
        {
            case SignalKind.GpuUtil:
                return Math.Round(100 * GpuLoad(series.Entity, at));
            case SignalKind.GpuTemp:
                return Math.Round(31 + (38 * GpuLoad(series.Entity, at)) + _profiles.Gpus[series.Entity].TempOffset + (0.8 * Noise(series, at)));
            case SignalKind.GpuMemoryTemp:
                return Math.Round(35 + (40 * GpuLoad(series.Entity, at)) + _profiles.Gpus[series.Entity].TempOffset + (0.8 * Noise(series, at)));
            case SignalKind.GpuPower:
                return Math.Round(IdleWatts + ((_profiles.Gpus[series.Entity].WattsAtFullLoad - IdleWatts) * GpuLoad(series.Entity, at)) + (6 * Noise(series, at)), 3);
            case SignalKind.GpuFbUsed:
                return FbUsed(series.Entity, at);
            case SignalKind.GpuFbFree:
                return Fleet.FramebufferMiB - FbReservedMiB - FbUsed(series.Entity, at);
            case SignalKind.GpuSmClock:
                return GpuLoad(series.Entity, at) > 0.02 ? 1980 : 345;
            case SignalKind.GpuMemClock:
                return 2619;
            case SignalKind.GpuMemCopyUtil:
                return Math.Max(0, Math.Round((35 * GpuLoad(series.Entity, at)) + (2 * Noise(series, at))));
            case SignalKind.GpuGrEngineActive:
                return Math.Round(Math.Clamp((0.97 * GpuLoad(series.Entity, at)) + (0.01 * Noise(series, at)), 0, 1), 4);
            case SignalKind.GpuTensorActive:
                return Math.Round(Math.Clamp((0.42 * GpuLoad(series.Entity, at)) + (0.01 * Noise(series, at)), 0, 1), 4);
            case SignalKind.GpuClockThrottleReasons:
                // Bit 0x1 is "GPU idle": the only reason a healthy GPU's clocks are held down.
                return GpuLoad(series.Entity, at) > 0.02 ? 0 : 1;
            case SignalKind.GpuEnergy:
                {
                    var gpu = _profiles.Gpus[series.Entity];
                    var watts = gpu.Load.Scale(gpu.WattsAtFullLoad - IdleWatts);
                    return Math.Floor(gpu.LifetimeEnergyMj + (1000 * Counter(IdleWatts, watts, series.Key, at)));
                }

            case SignalKind.GpuNvlinkBandwidth:
                {
                    var gpu = _profiles.Gpus[series.Entity];
                    return Math.Floor(Counter(0, gpu.Load.Scale(gpu.NvlinkBytesPerSecond), series.Key, at));
                }

            case SignalKind.GpuErrorHistory:
            case SignalKind.PodPhase:
            case SignalKind.PodInfo:
            case SignalKind.PodRestarts:
            case SignalKind.PodLastTerminated:
            case SignalKind.QuotaHard:
            case SignalKind.QuotaUsed:
            case SignalKind.PodConstant:
            case SignalKind.NodeConstant:
            case SignalKind.DeploymentConstant:
                return parameter;
            case SignalKind.PodAbsent:
                return SimulatedValue.Absent;
            case SignalKind.GpuZero:
                return 0;
            case SignalKind.PodWorkingSet:
                {
                    var pod = _profiles.Pods[series.Entity];
                    var growth = pod.PeakQps > 0 ? 16.0 * (1L << 30) * pod.Load.Value(at.Seconds) : 0;
                    return Math.Round(pod.WorkingSetBytes + growth + ((1L << 28) * Noise(series, at)));
                }

            case SignalKind.PodCfsPeriods:
                // One CFS period is 100 ms: 10 a second while the container is runnable, which a busy one always is.
                return Math.Floor(Counter(10, default, series.Key, at));
            case SignalKind.PodCfsThrottled:
                return Math.Floor(Counter(0.05, _profiles.Pods[series.Entity].Load.Scale(0.2), series.Key, at));
            default:
                return series.Kind >= SignalKind.InferenceRequests ? Inference(index, at) : Training(series, at);
        }
    }

    private double GpuLoad(int gpu, in StepContext at)
    {
        var profile = _profiles.Gpus[gpu];
        var load = profile.Load.Value(at.Seconds);
        return load == 0 ? 0 : Math.Clamp(load + (0.03 * StableHash.Noise(profile.Key, at.Step)), 0, 1);
    }

    // Shared by FB_USED and FB_FREE so that they always add up to the framebuffer.
    private double FbUsed(int gpu, in StepContext at)
    {
        var profile = _profiles.Gpus[gpu];
        return profile.FbBaseMiB == 0 ? 0 : Math.Round(profile.FbBaseMiB + (profile.FbPerLoadMiB * GpuLoad(gpu, at)) + (64 * StableHash.Noise(profile.Key ^ 0xFB, at.Step)));
    }

    /// <summary>
    /// ∫ (constant + wave) dt since the start, plus noise that telescopes: <c>c·u(step)</c> with u in [0, 1) and c half
    /// the least a step can add, so increments vary yet never go negative.
    /// </summary>
    private static double Counter(double constantRate, DayWave wave, ulong key, in StepContext at)
    {
        var elapsed = at.Seconds - at.StartSeconds;
        var integral = (constantRate * elapsed) + wave.Integral(at.StartSeconds, at.Seconds);
        var least = (constantRate + wave.Minimum) * at.StepSeconds;
        return least <= 0 ? integral : integral + (0.5 * least * StableHash.Unit(StableHash.Combine(key, (ulong)at.Step)));
    }

    private static double Noise(in SimulatedSeries series, in StepContext at) => StableHash.Noise(series.Key, at.Step);

    // A latency bucket's parameter is the share of quiet requests under its bound (its busy share is in _busyShares):
    // computed once, not at every step.
    private static (double[] Parameters, double[] BusyShares) PrecomputeParameters(SimulatedSeries[] series, EntityProfiles profiles)
    {
        var parameters = new double[series.Length];
        var busy = new double[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            parameters[i] = series[i].Parameter;
            if (series[i].Kind == SignalKind.InferenceLatencyBucket)
            {
                var pod = profiles.Pods[series[i].Entity];
                parameters[i] = LatencyModel.Share(pod.LatencyMedian, series[i].Parameter, pod.LatencySigma);
                busy[i] = LatencyModel.Share(pod.LatencyMedian * LatencyModel.BusySlowdown, series[i].Parameter, pod.LatencySigma);
            }
        }

        return (parameters, busy);
    }
}
