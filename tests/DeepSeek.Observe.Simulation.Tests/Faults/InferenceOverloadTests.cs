using DeepSeek.Observe.Core;
using static DeepSeek.Observe.Simulation.Tests.Faults.WorkloadProbe;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class InferenceOverloadTests
{
    private const string Count = "inference_request_duration_seconds_count";

    [Fact]
    public void Signature_TrafficSurgeQueuesShedsAndSlowsEveryReplica()
    {
        var run = new FaultRun("inference-overload");
        var deployment = run.Fleet.Deployments.Single(d => d.Id == run.Fault.Root);
        var pod = deployment.Pods[2];

        Assert.Equal(EntityKind.Deployment, run.Fault.Root.Kind);
        Assert.InRange(run.Growth(Count, Pod(pod), FaultRun.During) / run.Growth(Count, Pod(pod), FaultRun.During, healthy: true), 2.4, 4.1);
        Assert.True(run.Value("inference_queue_depth", Pod(pod), FaultRun.During) > run.HealthyValue("inference_queue_depth", Pod(pod), FaultRun.During) + 30);
        var shed = run.Growth("inference_requests_total", Pod(pod, "code", "429"), FaultRun.During) / run.Growth(Count, Pod(pod), FaultRun.During);
        Assert.InRange(shed, 0.1, 0.3);
        // The histogram moves right: far fewer of the requests finish within half a second, and the deployment's P99
        // (as the L3 rule computes it) goes well over its 1 s objective.
        Assert.True(SharedUnder(run, pod, "0.5", healthy: false) < 0.6 * SharedUnder(run, pod, "0.5", healthy: true));
        Assert.True(HistogramQuantile.OverFiveMinutes(run.Healthy, deployment.Pods, 0.99, FaultRun.During) < 0.8);
        Assert.True(HistogramQuantile.OverFiveMinutes(run.Generator, deployment.Pods, 0.99, FaultRun.During) > 1.5);
        Assert.InRange(run.Value("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[0]), FaultRun.During), 97, 100);
        AssertBucketsCumulative(run, pod, FaultRun.During);
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Pod == pod && l.Body.Contains("rejecting new requests with 429", StringComparison.Ordinal));
    }

    [Fact]
    public void Distinguishing_NoRolloutNoQualityDropNoQuotaEvidence()
    {
        var run = new FaultRun("inference-overload");
        var deployment = run.Fleet.Deployments.Single(d => d.Id == run.Fault.Root);
        var pod = deployment.Pods[0];

        foreach (var metric in new[] { "kube_deployment_metadata_generation", "kube_deployment_spec_replicas", "kube_deployment_status_replicas_available" })
        {
            Assert.Equal(run.HealthyValue(metric, Deployment(deployment), FaultRun.During), run.Value(metric, Deployment(deployment), FaultRun.During));
        }

        Assert.Equal(1, run.Value("inference_build_info", Pod(pod, "version", deployment.Version), FaultRun.During));
        Assert.Equal(run.HealthyValue("inference_quality_score", Pod(pod), FaultRun.During), run.Value("inference_quality_score", Pod(pod), FaultRun.During));
        Assert.True(run.Value("kube_resourcequota", l => l["namespace"] == "inference" && l["type"] == "used" && l["resource"] == "requests.nvidia.com/gpu", FaultRun.During)
            < run.Value("kube_resourcequota", l => l["namespace"] == "inference" && l["type"] == "hard" && l["resource"] == "requests.nvidia.com/gpu", FaultRun.During));
        Assert.DoesNotContain(run.Logs(0, FaultRun.After), l => l.Body.Contains("exceeded quota", StringComparison.Ordinal));
    }

    [Fact]
    public void Recovery_TrafficQueueAndLatencyBackToHealthy()
    {
        var run = new FaultRun("inference-overload");
        var pod = run.Fleet.Deployments.Single(d => d.Id == run.Fault.Root).Pods[1];

        Assert.Equal(run.HealthyValue("inference_queue_depth", Pod(pod), FaultRun.After), run.Value("inference_queue_depth", Pod(pod), FaultRun.After));
        Assert.Equal(run.Growth(Count, Pod(pod), FaultRun.After, healthy: true), run.Growth(Count, Pod(pod), FaultRun.After), 1.0);
        Assert.Equal(SharedUnder(run, pod, "1", healthy: true, FaultRun.After), SharedUnder(run, pod, "1", healthy: false, FaultRun.After), 0.01);
        Assert.True(run.Value(Count, Pod(pod), FaultRun.After) > run.HealthyValue(Count, Pod(pod), FaultRun.After), "the surge's requests stay counted");
        AssertNeverDecreases(run, "inference_request_duration_seconds_bucket", Pod(pod, "le", "0.5"));
        AssertNeverDecreases(run, "inference_requests_total", Pod(pod, "code", "429"));
    }

    /// <summary>Share of the requests of the last five minutes that took at most <paramref name="le"/> seconds.</summary>
    internal static double SharedUnder(FaultRun run, FleetPod pod, string le, bool healthy, long step = -1)
    {
        step = step < 0 ? FaultRun.During : step;
        return run.Growth("inference_request_duration_seconds_bucket", Pod(pod, "le", le), step, healthy) / run.Growth(Count, Pod(pod), step, healthy);
    }
}
