using DeepSeek.Observe.Simulation.Faults;
using static DeepSeek.Observe.Simulation.Tests.Faults.WorkloadProbe;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class BadDeployTests
{
    [Fact]
    public void Signature_RolloutMovesGenerationAndBuildInfo()
    {
        var (run, deployment) = Run();
        var pod = deployment.Pods[^1];

        Assert.Equal(SeriesCatalog.InitialGeneration, run.Value("kube_deployment_metadata_generation", Deployment(deployment), FaultRun.Before));
        Assert.Equal(SeriesCatalog.InitialGeneration + 1, run.Value("kube_deployment_metadata_generation", Deployment(deployment), FaultRun.During));
        Assert.Equal(SeriesCatalog.InitialGeneration + 1, run.Value("kube_deployment_status_observed_generation", Deployment(deployment), FaultRun.During));
        Assert.Equal(1, run.Value("inference_build_info", Pod(pod, "version", deployment.Version), FaultRun.Before));
        Assert.True(SimulatedValue.IsAbsent(run.Value("inference_build_info", Pod(pod, "version", deployment.NextVersion), FaultRun.Before)));
        Assert.True(SimulatedValue.IsAbsent(run.Value("inference_build_info", Pod(pod, "version", deployment.Version), FaultRun.During)));
        Assert.Equal(1, run.Value("inference_build_info", Pod(pod, "version", deployment.NextVersion), FaultRun.During));
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body.Contains($"llm-serve:{deployment.NextVersion}", StringComparison.Ordinal));
        Assert.Equal(deployment.Pods.Count, logs.Count(l => l.Source == LogSource.Container && l.Body.StartsWith("loaded model", StringComparison.Ordinal)));
    }

    [Fact]
    public void Signature_LatencyAndQualityRegressTogether()
    {
        var (run, deployment) = Run();
        var pod = deployment.Pods[1];
        const string Sum = "inference_request_duration_seconds_sum";
        const string Count = "inference_request_duration_seconds_count";

        var mean = run.Growth(Sum, Pod(pod), FaultRun.During) / run.Growth(Count, Pod(pod), FaultRun.During);
        var healthyMean = run.Growth(Sum, Pod(pod), FaultRun.During, healthy: true) / run.Growth(Count, Pod(pod), FaultRun.During, healthy: true);
        // A slower median plus a few runaway generations of seconds each.
        Assert.InRange(mean / healthyMean, 1.3, 2.4);
        Assert.InRange(run.Value("inference_quality_score", Pod(pod), FaultRun.During) / run.HealthyValue("inference_quality_score", Pod(pod), FaultRun.During), 0.89, 0.955);
        Assert.True(InferenceOverloadTests.SharedUnder(run, pod, "1", healthy: false) < InferenceOverloadTests.SharedUnder(run, pod, "1", healthy: true) - 0.015);
        // The runaway generations take the deployment's P99 (as the L3 rule computes it) well over its 1 s objective.
        var p99 = HistogramQuantile.OverFiveMinutes(run.Generator, deployment.Pods, 0.99, FaultRun.During);
        Assert.True(p99 > 1.5, $"P99 {p99:0.000} s");
        Assert.True(p99 > 1.3 * HistogramQuantile.OverFiveMinutes(run.Healthy, deployment.Pods, 0.99, FaultRun.During));
        AssertBucketsCumulative(run, pod, FaultRun.During);
    }

    [Fact]
    public void Distinguishing_NormalTrafficAndQueueUnlikeOverload()
    {
        var (run, deployment) = Run();
        var pod = deployment.Pods[0];

        Assert.Equal(run.Growth("inference_request_duration_seconds_count", Pod(pod), FaultRun.During, healthy: true), run.Growth("inference_request_duration_seconds_count", Pod(pod), FaultRun.During), 1.0);
        Assert.Equal(run.HealthyValue("inference_queue_depth", Pod(pod), FaultRun.During), run.Value("inference_queue_depth", Pod(pod), FaultRun.During));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[0]), FaultRun.During), run.Value("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[0]), FaultRun.During));
        Assert.Equal(run.HealthyValue("kube_deployment_spec_replicas", Deployment(deployment), FaultRun.During), run.Value("kube_deployment_spec_replicas", Deployment(deployment), FaultRun.During));
    }

    [Fact]
    public void Recovery_RollbackRestoresVersionLatencyAndQuality()
    {
        var (run, deployment) = Run();
        var pod = deployment.Pods[^1];

        Assert.Equal(SeriesCatalog.InitialGeneration + 2, run.Value("kube_deployment_metadata_generation", Deployment(deployment), FaultRun.After));
        Assert.Equal(1, run.Value("inference_build_info", Pod(pod, "version", deployment.Version), FaultRun.After));
        Assert.True(SimulatedValue.IsAbsent(run.Value("inference_build_info", Pod(pod, "version", deployment.NextVersion), FaultRun.After)));
        Assert.Equal(run.HealthyValue("inference_quality_score", Pod(pod), FaultRun.After), run.Value("inference_quality_score", Pod(pod), FaultRun.After));
        Assert.Equal(InferenceOverloadTests.SharedUnder(run, pod, "1", healthy: true, FaultRun.After), InferenceOverloadTests.SharedUnder(run, pod, "1", healthy: false, FaultRun.After), 0.01);
        Assert.Contains(run.Logs(FaultRun.FaultEnd, FaultRun.After), l => l.Body.Contains("rolled back", StringComparison.Ordinal));
        AssertNeverDecreases(run, "inference_request_duration_seconds_bucket", Pod(pod, "le", "2.5"));
        AssertNeverDecreases(run, "inference_requests_total", Pod(pod, "code", "500"));
    }

    private static (FaultRun Run, InferenceDeployment Deployment) Run()
    {
        var run = new FaultRun("bad-deploy");
        return (run, run.Fleet.Deployments.Single(d => d.Id == run.Fault.Root));
    }
}
