using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A deployment already at its autoscaler's maximum gets 2.5–4 × its usual traffic (a launch, a client retrying in a
/// loop). Its replicas queue requests (<c>inference_queue_depth</c> climbs), the latency histogram shifts right, the
/// overflow is shed with 429 and their GPUs run at ~100 % (see <see cref="TrafficSurge"/>). What tells it apart: from
/// <see cref="FaultKind.BadDeploy"/>, more traffic and a deep queue, no rollout (generation and
/// <c>inference_build_info</c> unchanged) and unchanged quality; from <see cref="FaultKind.QuotaExceeded"/>, no quota
/// evidence (<c>kube_resourcequota</c> used below hard, <c>kube_deployment_spec_replicas</c> = available, no
/// "exceeded quota" events).
/// </summary>
public sealed class InferenceOverload : Fault
{
    private readonly InferenceDeployment _deployment;
    private readonly TrafficSurge _surge;

    public InferenceOverload(Fleet fleet, InferenceDeployment deployment, FaultWindow window, ulong key)
        : base(fleet, FaultKind.InferenceOverload, deployment.Id, window, key)
    {
        _deployment = deployment;
        _surge = new TrafficSurge(fleet, deployment, window, key);
        Affected = [deployment.Id, .. _surge.Entities];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"{_deployment.Name} receives {_surge.Factor:0.0}× its usual traffic at its maximum replica count: requests queue, latency climbs and the overflow is shed with 429";

    public override bool Affects(in SimulatedSeries series) => _surge.Affects(in series);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value) => _surge.Apply(in series, in at, value);

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs) => _surge.Logs(fromMs, toMs);
}
