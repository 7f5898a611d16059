using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A rollout of a worse model build (a quantisation change, a tokenizer mismatch) that is rolled back when the fault
/// ends. The deployment's <c>kube_deployment_metadata_generation</c> goes up by one and the observed generation follows;
/// replica by replica, <c>inference_build_info</c> moves from the current version to the next (pods keep their names
/// in this model), and from each replica's switch its latency median rises 20–60 %, 2–5 % of its requests run away
/// to max_tokens (2–3 s each, so the P99 goes well over a second) and its <c>inference_quality_score</c> drops
/// 5–10 % together, sometimes with a few per cent of 500s. Traffic and queue depth
/// stay as usual: that, the rollout evidence and the quality drop tell it apart from <see cref="FaultKind.InferenceOverload"/>.
/// The rollback bumps the generation again and moves every replica back to the old version.
/// </summary>
public sealed class BadDeploy : Fault
{
    // The controller notices a new generation within seconds.
    private const long ObserveMs = 5_000;

    private readonly InferenceDeployment _deployment;
    private readonly long _perReplicaMs;
    private readonly double _latency;
    private readonly double _runaway;
    private readonly double _qualityDrop;
    private readonly double _failed;

    public BadDeploy(Fleet fleet, InferenceDeployment deployment, FaultWindow window, ulong key)
        : base(fleet, FaultKind.BadDeploy, deployment.Id, window, key)
    {
        _deployment = deployment;
        // A rolling update replaces one replica at a time, each ready once it has loaded its weights.
        _perReplicaMs = (long)(30_000 + (15_000 * Draw(1)));
        _latency = 1.2 + (0.4 * Draw(2));
        // The new build misses its end-of-sequence token now and then, and such a generation runs to max_tokens.
        _runaway = 0.02 + (0.03 * Draw(6));
        _qualityDrop = 0.05 + (0.05 * Draw(3));
        _failed = Draw(4) < 0.5 ? SeriesCatalog.HealthyFailedShare : 0.01 + (0.02 * Draw(5));
        Affected = [deployment.Id, .. deployment.Pods.Select(p => p.Id)];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"{_deployment.Name} rolls out {_deployment.NextVersion}, whose median latency is {_latency:0.0}× with {_runaway:P0} of generations running to max_tokens, and quality {_qualityDrop:P0} worse" + (_failed > SeriesCatalog.HealthyFailedShare ? $" with {_failed:P1} of requests failing" : string.Empty);

    /// <summary>When replica <paramref name="replica"/> serves the new version: from its turn in the rollout to its turn in the rollback.</summary>
    public FaultWindow Switched(int replica) =>
        new(Window.StartMs + ((replica + 1) * _perReplicaMs), Window.EndMs + ((replica + 1) * _perReplicaMs));

    public override bool Affects(in SimulatedSeries series) => series.Kind switch
    {
        SignalKind.DeploymentConstant => series.Entity == _deployment.Index && series.Labels.MetricName is "kube_deployment_metadata_generation" or "kube_deployment_status_observed_generation",
        SignalKind.PodConstant or SignalKind.PodAbsent => series.Labels.MetricName == "inference_build_info" && Fleet.Pods[series.Entity].Deployment == _deployment,
        _ => series.Kind.IsInference() && series.Kind != SignalKind.InferenceQueueDepth && Fleet.Pods[series.Entity].Deployment == _deployment,
    };

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind == SignalKind.DeploymentConstant)
        {
            var lag = series.Labels.MetricName == "kube_deployment_status_observed_generation" ? ObserveMs : 0;
            return value + (at.TimestampMs >= Window.StartMs + lag ? 1 : 0) + (at.TimestampMs >= Window.EndMs + lag ? 1 : 0);
        }

        var replica = Replica(series.Entity);
        var switched = Switched(replica);
        if (series.Labels.MetricName == "inference_build_info")
        {
            // Outside its turn a replica shows what the healthy fleet shows (the old version, or a routine rollout's).
            var next = series.Labels["version"] == _deployment.NextVersion;
            return !switched.Contains(at.TimestampMs) ? value : next ? 1 : SimulatedValue.Absent;
        }

        if (series.Kind == SignalKind.InferenceQuality)
        {
            return switched.Contains(at.TimestampMs) ? Math.Round(value * (1 - _qualityDrop), 5) : value;
        }

        return ServingEffects.Counter(in series, in at, value, [new ServingRegime(switched, 1, _latency, Failed: _failed, Runaway: _runaway)]);
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var first = _deployment.Pods[0];
        if (Within(Window.StartMs, fromMs, toMs))
        {
            yield return new SimulatedLog(Window.StartMs, LogSource.Kubernetes, LogSeverity.Info, first.Node, null, null, string.Create(CultureInfo.InvariantCulture,
                $"deployment-controller: ScalingReplicaSet: rolling out {_deployment.Name} generation {SeriesCatalog.InitialGeneration + 1}: image registry.internal/llm-serve:{_deployment.NextVersion}"));
        }

        if (Within(Window.EndMs, fromMs, toMs))
        {
            yield return new SimulatedLog(Window.EndMs, LogSource.Kubernetes, LogSeverity.Info, first.Node, null, null, string.Create(CultureInfo.InvariantCulture,
                $"deployment-controller: DeploymentRollback: rolled back {_deployment.Name} to {_deployment.Version} (generation {SeriesCatalog.InitialGeneration + 2})"));
        }

        for (var i = 0; i < _deployment.Pods.Count; i++)
        {
            var pod = _deployment.Pods[i];
            var switched = Switched(i);
            if (Within(switched.StartMs, fromMs, toMs))
            {
                yield return new SimulatedLog(switched.StartMs, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container,
                    $"loaded model {_deployment.Name} version {_deployment.NextVersion}; serving on :8000");
            }

            if (_failed > SeriesCatalog.HealthyFailedShare)
            {
                foreach (var t in Every(switched.StartMs + 30_000, 120_000, fromMs, toMs))
                {
                    yield return new SimulatedLog(t, LogSource.Container, LogSeverity.Error, pod.Node, pod, pod.Container,
                        "request failed: ValueError: token id 128011 is out of range for a vocabulary of 128000 tokens");
                }
            }
        }
    }

    private int Replica(int pod)
    {
        for (var i = 0; i < _deployment.Pods.Count; i++)
        {
            if (_deployment.Pods[i].Index == pod)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(pod), pod, "not a replica of this deployment");
    }
}
