using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// What depends on a pod while its container is down (killed, crash-looping): a training job stalls (no rank can step
/// without it) and the pod's GPUs idle; an inference pod serves nothing, its deployment has one replica fewer
/// available and the other replicas take its share of the traffic, a little slower for it.
/// </summary>
internal sealed class PodOutage
{
    private readonly Fleet _fleet;
    private readonly FleetPod _pod;
    private readonly IReadOnlyList<FaultWindow> _outages;
    private readonly IReadOnlyList<ServingRegime> _down;
    private readonly IReadOnlyList<ServingRegime> _covering;
    private readonly ulong _key;

    public PodOutage(Fleet fleet, FleetPod pod, IReadOnlyList<FaultWindow> outages, ulong key)
    {
        _fleet = fleet;
        _pod = pod;
        _outages = outages;
        _key = key;
        _down = [.. outages.Select(o => new ServingRegime(o, Traffic: 0))];
        var others = pod.Deployment is { } deployment ? deployment.Pods.Count - 1 : 0;
        // The Service spreads the dead replica's traffic over the rest; a little more queueing makes each a little slower.
        _covering = others == 0 ? [] : [.. outages.Select(o => new ServingRegime(o, Traffic: (others + 1.0) / others, Latency: 1 + (0.8 / others)))];
        Entities = pod.TrainJob is { } job
            ? [job.Id, .. job.Ranks.Select(r => r.Id), .. pod.Gpus.Select(g => g.Id)]
            : [pod.Deployment!.Id, .. pod.Deployment.Pods.Where(p => p != pod).Select(p => p.Id), .. pod.Gpus.Select(g => g.Id)];
    }

    /// <summary>Every entity the outage reaches besides the pod itself.</summary>
    public IReadOnlyList<EntityId> Entities { get; }

    public bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsGpu() && _fleet.Gpus[series.Entity].Pod == _pod)
        || (_pod.TrainJob is { } job && TrainingEffects.IsRankOf(in series, _fleet, job))
        || (_pod.Deployment is { } deployment
            && ((series.Kind.IsInference() && _fleet.Pods[series.Entity].Deployment == deployment)
                || (series.Kind.IsDeployment() && series.Entity == deployment.Index && series.Labels.MetricName == "kube_deployment_status_replicas_available")));

    public double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var outage = WorkloadEffects.During(_outages, at.TimestampMs);
        if (series.Kind.IsRank())
        {
            return series.Kind == SignalKind.TrainSteps
                ? WorkloadEffects.Frozen(in at, _outages, value)
                : outage is { } stalled ? TrainingEffects.Stall(in series, in at, stalled, value) : value;
        }

        if (series.Kind.IsGpu())
        {
            return outage is null ? value : WorkloadEffects.IdleGpu(series.Kind, value, StableHash.Noise(_key ^ series.Key, at.Step));
        }

        if (series.Kind.IsDeployment())
        {
            return outage is null ? value : value - 1;
        }

        var down = series.Entity == _pod.Index;
        if (series.Kind == SignalKind.InferenceQueueDepth)
        {
            // Little's law: what waits grows with the traffic and the time each request takes.
            return outage is null ? value : down ? 0 : ServingEffects.At(_covering, at.TimestampMs) is { } covering ? Math.Round(value * covering.Traffic * covering.Latency) : value;
        }

        return series.Kind == SignalKind.InferenceQuality ? value : ServingEffects.Counter(in series, in at, value, down ? _down : _covering);
    }
}
