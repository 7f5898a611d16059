namespace DeepSeek.Observe.Simulation;

/// <summary>Inference business metrics, one set per serving pod (names in the README's Simulator section).</summary>
public sealed partial class SeriesCatalog
{
    /// <summary>
    /// Latency histogram bounds in seconds (an LLM server's time to full response of a short completion), then +Inf;
    /// 0.75 splits the bucket under the 1 s P99 objective, so histogram_quantile's linear interpolation does not put a
    /// healthy P99 of 0.6 s near 0.9 s.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, double.PositiveInfinity];

    /// <summary>Share of a healthy server's requests shed with 429 (a trickle at the daily peak).</summary>
    public const double HealthyShedShare = 0.004;

    /// <summary>Share of a healthy server's requests that fail with 500.</summary>
    public const double HealthyFailedShare = 0.002;

    // Status codes and their share of requests on a healthy server: nearly all succeed, a trickle is shed or fails.
    private static readonly (string Code, double Share)[] s_codes =
        [("200", 1 - HealthyShedShare - HealthyFailedShare), ("429", HealthyShedShare), ("500", HealthyFailedShare)];

    private void AddInference()
    {
        foreach (var deployment in Fleet.Deployments)
        {
            foreach (var pod in deployment.Pods)
            {
                KeyValuePair<string, string>[] labels =
                [
                    L("job", "inference"),
                    L("instance", $"{pod.Name}:8000"),
                    L("namespace", pod.Namespace),
                    L("deployment", deployment.Name),
                    L("pod", pod.Name),
                ];
                // The served model's version is an info series (like Prometheus's build_info): a rollout moves the 1 from
                // one version's series to the next, while the pod's other series stay the same.
                Add(SignalKind.PodConstant, pod.Index, "inference_build_info", labels, 1, L("version", deployment.Version));
                Add(SignalKind.PodAbsent, pod.Index, "inference_build_info", labels, 1, L("version", deployment.NextVersion));
                foreach (var (code, share) in s_codes)
                {
                    Add(SignalKind.InferenceRequests, pod.Index, "inference_requests_total", labels, share, L("code", code));
                }

                foreach (var bound in LatencyBuckets)
                {
                    Add(SignalKind.InferenceLatencyBucket, pod.Index, "inference_request_duration_seconds_bucket", labels, bound,
                        L("le", double.IsPositiveInfinity(bound) ? "+Inf" : Format(bound)));
                }

                Add(SignalKind.InferenceLatencySum, pod.Index, "inference_request_duration_seconds_sum", labels);
                Add(SignalKind.InferenceLatencyCount, pod.Index, "inference_request_duration_seconds_count", labels);
                Add(SignalKind.InferenceQueueDepth, pod.Index, "inference_queue_depth", labels);
                Add(SignalKind.InferenceQuality, pod.Index, "inference_quality_score", labels);
            }
        }
    }
}
