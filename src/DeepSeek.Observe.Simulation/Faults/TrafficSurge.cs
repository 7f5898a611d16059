using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// More traffic than a deployment's replicas can serve: it builds up over a few minutes to <see cref="Factor"/> × the
/// usual rate, requests queue (queue depth climbs to the server's limit), latency grows with the queue, the overflow
/// is shed with 429, and the replicas' GPUs run flat out. Answers stay as good as ever (quality unchanged) and nothing
/// is rolled out. Shared by <see cref="InferenceOverload"/> and <see cref="QuotaExceeded"/>, which differ only in why
/// the deployment cannot grow.
/// </summary>
internal sealed class TrafficSurge
{
    private const double RampSeconds = 360;

    private readonly Fleet _fleet;
    private readonly InferenceDeployment _deployment;
    private readonly FaultWindow _window;
    private readonly double _queue;
    private readonly ulong _key;

    public TrafficSurge(Fleet fleet, InferenceDeployment deployment, FaultWindow window, ulong key)
    {
        _fleet = fleet;
        _deployment = deployment;
        _window = window;
        _key = key;
        Factor = 2.5 + (1.5 * Unit(1));
        // Queueing: at 2.5–4 × what the replicas can serve, a request waits for several batches ahead of it.
        var latency = 5 + (3 * Unit(2));
        var shed = 0.12 + (0.13 * Unit(3));
        _queue = 40 + (40 * Unit(4));
        // Latency and shedding grow faster than the traffic: a queue is harmless until it is not.
        Regimes = ServingEffects.Ramp(window, RampSeconds, 3, (stretch, u) => new ServingRegime(
            stretch, 1 + (u * (Factor - 1)), 1 + ((latency - 1) * u * u), SeriesCatalog.HealthyShedShare + ((shed - SeriesCatalog.HealthyShedShare) * u * u)));
        Entities = [.. deployment.Pods.Select(p => p.Id), .. deployment.Pods.SelectMany(p => p.Gpus).Select(g => g.Id)];
    }

    /// <summary>Traffic at the surge's height, × the usual.</summary>
    public double Factor { get; }

    public IReadOnlyList<ServingRegime> Regimes { get; }

    /// <summary>The deployment's pods and their GPUs.</summary>
    public IReadOnlyList<EntityId> Entities { get; }

    /// <summary>How far the surge has built up at <paramref name="timestampMs"/>: 0 (none) to 1 (full).</summary>
    public double Intensity(long timestampMs) =>
        ServingEffects.At(Regimes, timestampMs) is { } regime ? (regime.Traffic - 1) / (Factor - 1) : 0;

    public bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsInference() && series.Kind != SignalKind.InferenceQuality && _fleet.Pods[series.Entity].Deployment == _deployment)
        || (series.Kind.IsGpu() && _fleet.Gpus[series.Entity].Pod?.Deployment == _deployment);

    public double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var intensity = Intensity(at.TimestampMs);
        if (series.Kind.IsGpu())
        {
            return intensity == 0 ? value : WorkloadEffects.Saturate(in series, in at, value, intensity);
        }

        return series.Kind == SignalKind.InferenceQueueDepth
            ? intensity == 0 ? value : Math.Round(value + (intensity * intensity * _queue * (1 + (0.1 * StableHash.Noise(_key ^ series.Key, at.Step)))))
            : ServingEffects.Counter(in series, in at, value, Regimes);
    }

    /// <summary>Each replica's engine reports the full queue once a minute while it sheds.</summary>
    public IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var end = Math.Min(toMs, _window.EndMs);
        var first = _window.StartMs + (long)(RampSeconds * 1000 / 2);
        for (var t = first + ((Math.Max(fromMs, first) - first + 59_999) / 60_000 * 60_000); t < end; t += 60_000)
        {
            var intensity = Intensity(t);
            foreach (var pod in _deployment.Pods)
            {
                var waiting = Math.Round(intensity * intensity * _queue);
                yield return new SimulatedLog(t, LogSource.Container, LogSeverity.Warn, pod.Node, pod, pod.Container, string.Create(CultureInfo.InvariantCulture,
                    $"engine: running=64 waiting={waiting} kv_cache_usage={97 + (2.5 * intensity):0.0}%; queue full, rejecting new requests with 429"));
            }
        }
    }

    private double Unit(ulong salt) => StableHash.Unit(StableHash.Combine(_key, 0x5E26E, salt));
}
