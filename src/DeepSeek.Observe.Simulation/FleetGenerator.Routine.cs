using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// What a healthy fleet does now and then that is not a fault: a GPU's temperature reads high for one scrape, a
/// serving pod sheds a short burst of 429s, a deployment rolls out its next version without any regression. Drawn from
/// the seed like everything else (pure functions of seed, series and step), so a faulty run has the same ones as the
/// healthy run it is compared with; detectors must learn to let them pass.
/// </summary>
public sealed partial class FleetGenerator
{
    // A GPU reads one spurious hot sample about twice a day (a sensor glitch, a fan spinning up late).
    private const double BlipsPerSecond = 2.0 / 86_400;

    // Each serving pod sheds one burst of 429s per six hours (a client's retry storm), for a minute.
    private const double BurstSlotSeconds = 6 * 3600;
    private const double BurstSeconds = 60;

    // A rolling update replaces one replica every 40 s.
    private const double RolloutPerReplicaSeconds = 40;
    private const double ObserveSeconds = 5;

    private readonly Routine[] _routine;

    /// <summary>Which harmless event, if any, a series takes part in.</summary>
    private enum Routine : byte
    {
        None,
        TempBlip,
        ShedBurst,
        Generation,
        ObservedGeneration,
        CurrentVersion,
        NextVersion,
    }

    /// <summary>
    /// When <paramref name="deployment"/> rolls out its next version as a matter of routine (unix ms), or null when it
    /// does not in this run: half of the deployments, 3–23 h after the start, so short runs (and fault tests) see none.
    /// </summary>
    public long? RoutineRolloutMs(int deployment)
    {
        var key = StableHash.Combine(Catalog.Fleet.Spec.Seed, 0x5011_0A7, (ulong)deployment);
        return StableHash.Unit(key) < 0.5 ? null : Time.StartMs + (long)((3 + (20 * StableHash.Unit(StableHash.Mix(key)))) * 3_600_000);
    }

    /// <summary>How many extra 429s an inference pod has shed in bursts since the start (unrounded, never decreasing).</summary>
    internal double ShedBurst(int pod, long step)
    {
        var at = new StepContext(Time, step);
        return BurstCount(pod, at.Seconds) - BurstCount(pod, at.StartSeconds);
    }

    private double Healthy(int index, in StepContext at)
    {
        var value = Value(index, in at);
        return _routine[index] == Routine.None ? value : WithRoutine(in _series[index], _routine[index], value, in at);
    }

    private double WithRoutine(in SimulatedSeries series, Routine routine, double value, in StepContext at)
    {
        switch (routine)
        {
            case Routine.TempBlip:
                var draw = StableHash.Unit(StableHash.Combine(series.Key, 0xB11F, (ulong)at.Step));
                return draw < BlipsPerSecond * at.StepSeconds ? value + 8 + Math.Round(7 * draw / (BlipsPerSecond * at.StepSeconds)) : value;
            case Routine.ShedBurst:
                var extra = BurstCount(series.Entity, at.Seconds) - BurstCount(series.Entity, at.StartSeconds);
                // Shed requests are answered at once: they count in every bucket, the count, and 10 ms each in the sum.
                return series.Kind == SignalKind.InferenceLatencySum ? Math.Round(value + (Faults.ServingRegime.ShedSeconds * extra), 3) : value + Math.Floor(extra);
            case Routine.Generation or Routine.ObservedGeneration:
                var lag = routine == Routine.ObservedGeneration ? ObserveSeconds : 0;
                return RoutineRolloutMs(series.Entity) is { } rollout && at.Seconds >= (rollout / 1000.0) + lag ? value + 1 : value;
            default:
                var switched = Switched(series.Entity, at.Seconds);
                var was = at.Step > 0 && Switched(series.Entity, at.Seconds - at.StepSeconds);
                if (switched == (routine == Routine.NextVersion))
                {
                    return 1;
                }

                // The series that goes away gets the staleness marker once, as a scraper writes it.
                return switched != was ? Sample.StaleNaN : SimulatedValue.Absent;
        }
    }

    // Whether an inference pod serves its deployment's next version after a routine rollout.
    private bool Switched(int pod, double seconds)
    {
        var deployment = Catalog.Fleet.Pods[pod].Deployment!;
        if (RoutineRolloutMs(deployment.Index) is not { } rollout)
        {
            return false;
        }

        var replica = 0;
        while (deployment.Pods[replica].Index != pod)
        {
            replica++;
        }

        return seconds >= (rollout / 1000.0) + ((replica + 1) * RolloutPerReplicaSeconds);
    }

    // Extra 429s shed in bursts from the epoch to unix second t: a closed form, one burst a slot at a drawn offset.
    private double BurstCount(int pod, double t)
    {
        var profile = _profiles.Pods[pod];
        var size = Math.Round(profile.PeakQps * BurstSeconds * 0.3);
        var slot = Math.Floor(t / BurstSlotSeconds);
        var start = (slot * BurstSlotSeconds) + ((BurstSlotSeconds - BurstSeconds) * StableHash.Unit(StableHash.Combine(profile.Key, 0xB025, (ulong)slot)));
        return size * (slot + Math.Clamp((t - start) / BurstSeconds, 0, 1));
    }

    private static Routine[] ClassifyRoutine(SimulatedSeries[] series)
    {
        var routine = new Routine[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            var s = series[i];
            routine[i] = s.Kind switch
            {
                SignalKind.GpuTemp => Routine.TempBlip,
                SignalKind.InferenceRequests when s.Labels["code"] == "429" => Routine.ShedBurst,
                SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencyCount or SignalKind.InferenceLatencySum => Routine.ShedBurst,
                SignalKind.DeploymentConstant when s.Labels.MetricName == "kube_deployment_metadata_generation" => Routine.Generation,
                SignalKind.DeploymentConstant when s.Labels.MetricName == "kube_deployment_status_observed_generation" => Routine.ObservedGeneration,
                SignalKind.PodConstant when s.Labels.MetricName == "inference_build_info" => Routine.CurrentVersion,
                SignalKind.PodAbsent when s.Labels.MetricName == "inference_build_info" => Routine.NextVersion,
                _ => Routine.None,
            };
        }

        return routine;
    }
}
