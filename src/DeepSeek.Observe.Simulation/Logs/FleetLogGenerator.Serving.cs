using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Internal;
using static System.FormattableString;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>
/// What a serving pod prints: model loading at start, then a sample of its access log and a periodic stats line.
/// Status codes are drawn in the proportions the pod's request counters grew by at that moment, and latencies around
/// its latency histogram's mean, so an overloaded or failing pod logs the 429s, 500s and slow requests its metrics show.
/// </summary>
public sealed partial class FleetLogGenerator
{
    private static readonly string[] s_routes = ["/v1/chat/completions", "/v1/chat/completions", "/v1/chat/completions", "/v1/completions", "/v1/embeddings"];

    private SimulatedLog ServingLine(FleetPod pod, long timestampMs, ref LineDraws draws)
    {
        var series = _serving[pod.Index];
        var step = Math.Max(1, StepAt(timestampMs));
        var pick = draws.Unit();
        var (level, body) = pick switch
        {
            < 0.8 => AccessLine(pod, series, step, ref draws),
            < 0.9 => Info(Invariant(
                $"INFO stats: running {draws.Int(2, 24)} reqs, waiting {_metrics.ValueAt(series.QueueDepth, step):F0} reqs, KV cache usage {draws.Int(20, 75)}.{draws.Int(0, 9)}%, generation throughput {draws.Int(400, 2400)}.{draws.Int(0, 9)} tokens/s")),
            < 0.95 => (LogSeverity.Warn, Invariant($"WARNING tokenizer: prompt of {draws.Int(8_200, 12_000)} tokens truncated to max_model_len 8192 (request {draws.Hex(12)})")),
            _ => (LogSeverity.Debug, Invariant($"DEBUG health: engine alive, last iteration {draws.Int(8, 60)} ms ago")),
        };
        return new SimulatedLog(timestampMs, LogSource.Container, level, pod.Node, pod, pod.Container, body);
    }

    private (LogSeverity, string) AccessLine(FleetPod pod, ServingSeries series, long step, ref LineDraws draws)
    {
        // Requests each code gained over the last scrape interval; before any traffic, a healthy server's mix.
        var ok = Gained(series.Ok, step);
        var shed = Gained(series.Shed, step);
        var failed = Gained(series.Failed, step);
        var total = ok + shed + failed;
        var u = draws.Unit() * (total > 0 ? total : 1);
        var code = total <= 0 || u < ok ? 200 : u < ok + shed ? 429 : 500;

        var profile = _profiles.Pods[pod.Index];
        var seconds = code == 429
            ? 0.001 + (0.004 * draws.Unit())
            : HealthyMedian(profile, step) * Math.Exp(profile.LatencySigma * draws.Normal()) * LatencyFactor(series, step);
        var prompt = draws.Int(40, 4_000);
        var completion = code == 200 ? draws.Int(8, 1_024) : 0;
        var line = Invariant(
            $"{(code == 200 ? "INFO" : code == 429 ? "WARNING" : "ERROR")} access: 10.{draws.Int(0, 4)}.{draws.Int(0, 256)}.{draws.Int(2, 255)} \"POST {draws.Pick(s_routes)} HTTP/1.1\" {code} {seconds * 1000:F0}ms prompt_tokens={prompt} completion_tokens={completion} request_id={draws.Hex(16)}");
        return (code == 200 ? LogSeverity.Info : code == 429 ? LogSeverity.Warn : LogSeverity.Error, line);
    }

    // The median the healthy pod's histogram mixes to at this step: busier hours batch more requests together.
    private double HealthyMedian(PodProfile profile, long step) =>
        profile.LatencyMedian * (1 + ((LatencyModel.BusySlowdown - 1) * LatencyModel.BusyShare(profile.Load.Value(_metrics.Time.Seconds(step)))));

    private double Gained(int series, long step) => Math.Max(0, _metrics.ValueAt(series, step) - _metrics.ValueAt(series, step - 1));

    /// <summary>How much slower than healthy the pod answers now: mean latency from the histogram over the healthy one.</summary>
    private double LatencyFactor(ServingSeries series, long step)
    {
        var count = Gained(series.LatencyCount, step);
        var healthyCount = _metrics.HealthyValue(series.LatencyCount, step) - _metrics.HealthyValue(series.LatencyCount, step - 1);
        if (count <= 0 || healthyCount <= 0)
        {
            return 1;
        }

        var mean = Gained(series.LatencySum, step) / count;
        var healthyMean = (_metrics.HealthyValue(series.LatencySum, step) - _metrics.HealthyValue(series.LatencySum, step - 1)) / healthyCount;
        return healthyMean > 0 && mean > 0 ? mean / healthyMean : 1;
    }

    private static void ServingStartup(FleetPod pod, long startedMs, ref LineDraws draws, Action<SimulatedLog> add)
    {
        var deployment = pod.Deployment!;
        var t = startedMs + draws.Int(500, 2_000);
        var loadSeconds = 20 + (40 * draws.Unit());
        SimulatedLog Line(long at, string body) => new(at, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container, body);
        add(Line(t, $"INFO server: loading {deployment.Name} {deployment.Version} from /models/{deployment.Name}/{deployment.Version} onto cuda:0"));
        add(Line(t + (long)(loadSeconds * 1000), Invariant($"INFO server: weights loaded in {loadSeconds:F1}s ({draws.Int(28, 38)}.{draws.Int(0, 9)} GiB), KV cache {draws.Int(20, 30)}.{draws.Int(0, 9)} GiB")));
        add(Line(t + (long)(loadSeconds * 1000) + draws.Int(200, 900), "INFO server: listening on http://0.0.0.0:8000"));
    }
}
