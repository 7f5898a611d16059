using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// The inference namespace's ResourceQuota has no room left (a batch evaluation took the headroom) when one of its
/// deployments gets a traffic surge: the autoscaler raises <c>kube_deployment_spec_replicas</c>, but every pod the
/// ReplicaSet tries to create is forbidden ("exceeded quota"), so available replicas stay where they were and the
/// existing replicas run overloaded exactly as in <see cref="InferenceOverload"/> (see <see cref="TrafficSurge"/>). The
/// root is the namespace, whose quota is what failed. What tells it apart from <see cref="FaultKind.InferenceOverload"/>
/// is only the quota evidence: <c>kube_resourcequota{type="used"}</c> = hard, spec replicas above available, and
/// FailedCreate events naming the quota.
/// </summary>
public sealed class QuotaExceeded : Fault
{
    private const int InferenceQuota = 1;

    // The autoscaler's maxReplicas as our users set it: twice the steady-state size.
    private const double MaxScaleUp = 2;

    private readonly InferenceDeployment _deployment;
    private readonly TrafficSurge _surge;

    public QuotaExceeded(Fleet fleet, InferenceDeployment deployment, FaultWindow window, ulong key)
        : base(fleet, FaultKind.QuotaExceeded, EntityId.Namespace(deployment.Namespace), window, key)
    {
        _deployment = deployment;
        _surge = new TrafficSurge(fleet, deployment, window, key);
        Affected = [Root, deployment.Id, .. _surge.Entities];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"ResourceQuota compute in namespace {_deployment.Namespace} is exhausted, so {_deployment.Name} cannot scale up for a {_surge.Factor:0.0}× traffic surge and its replicas run overloaded";

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind == SignalKind.QuotaUsed && series.Entity == InferenceQuota)
        || (series.Kind.IsDeployment() && series.Entity == _deployment.Index && series.Labels.MetricName == "kube_deployment_spec_replicas")
        || _surge.Affects(in series);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind == SignalKind.QuotaUsed)
        {
            // The quota leaves SeriesCatalog.QuotaHeadroom over what the deployments use; the other workload takes all of it.
            return Active(in at) ? Math.Ceiling(value * SeriesCatalog.QuotaHeadroom) : value;
        }

        return series.Kind.IsDeployment() ? value + Wanted(at.TimestampMs) : _surge.Apply(in series, in at, value);
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var pod = _deployment.Pods[0];
        var replicaSet = pod.Name[..pod.Name.LastIndexOf('-')];
        var gpus = Fleet.Pods.Where(p => p.Deployment is not null).Sum(p => p.Gpus.Count);
        var limit = Math.Ceiling(gpus * SeriesCatalog.QuotaHeadroom);
        var lastWanted = 0.0;
        // The autoscaler evaluates every 15 s and logs each new size; the ReplicaSet retries creating pods with back-off.
        foreach (var t in Every(Window.StartMs, 15_000, Window.StartMs, toMs))
        {
            var wanted = Wanted(t);
            if (wanted > lastWanted && Within(t, fromMs, toMs))
            {
                yield return new SimulatedLog(t, LogSource.Kubernetes, LogSeverity.Info, pod.Node, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"horizontal-pod-autoscaler: SuccessfulRescale: New size: {_deployment.Pods.Count + wanted}; reason: pods metric inference_queue_depth above target"));
            }

            lastWanted = wanted;
            if (wanted > 0 && (t - Window.StartMs) % 60_000 == 0 && Within(t, fromMs, toMs))
            {
                yield return new SimulatedLog(t, LogSource.Kubernetes, LogSeverity.Warn, pod.Node, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"replicaset-controller: FailedCreate: Error creating: pods \"{replicaSet}-\" is forbidden: exceeded quota: compute, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu={limit}, limited: requests.nvidia.com/gpu={limit}"));
            }
        }

        foreach (var line in _surge.Logs(fromMs, toMs))
        {
            yield return line;
        }
    }

    // Replicas the autoscaler asks for beyond the current ones: in proportion to the traffic, up to its maximum.
    private double Wanted(long timestampMs)
    {
        var replicas = _deployment.Pods.Count;
        var traffic = 1 + (_surge.Intensity(timestampMs) * (_surge.Factor - 1));
        return Math.Min(Math.Ceiling(replicas * (MaxScaleUp - 1)), Math.Ceiling(replicas * (traffic - 1)));
    }
}
