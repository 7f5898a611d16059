using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using static DeepSeek.Observe.Simulation.Tests.Faults.WorkloadProbe;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class QuotaExceededTests
{
    private static bool GpuQuota(LabelSet l, string type) => l["namespace"] == "inference" && l["type"] == type && l["resource"] == "requests.nvidia.com/gpu";

    [Fact]
    public void Signature_QuotaFullScaleUpRefused()
    {
        var run = new FaultRun("quota-exceeded");
        var deployment = run.Fleet.Deployments.Single(d => run.Fault.Affected[1] == d.Id);

        Assert.Equal(EntityId.Namespace("inference"), run.Fault.Root);
        Assert.Equal(run.Value("kube_resourcequota", l => GpuQuota(l, "hard"), FaultRun.During), run.Value("kube_resourcequota", l => GpuQuota(l, "used"), FaultRun.During));
        Assert.True(run.Value("kube_resourcequota", l => GpuQuota(l, "used"), FaultRun.Before) < run.Value("kube_resourcequota", l => GpuQuota(l, "hard"), FaultRun.Before));
        Assert.True(run.Value("kube_deployment_spec_replicas", Deployment(deployment), FaultRun.During) > deployment.Pods.Count);
        Assert.Equal(deployment.Pods.Count, run.Value("kube_deployment_status_replicas_available", Deployment(deployment), FaultRun.During));
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body.Contains($"pods \"{deployment.Pods[0].Name[..deployment.Pods[0].Name.LastIndexOf('-')]}-\" is forbidden: exceeded quota: compute", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body.Contains("SuccessfulRescale", StringComparison.Ordinal));
        // The training namespace's quota is someone else's.
        Assert.Equal(run.HealthyValue("kube_resourcequota", l => l["namespace"] == "training" && l["type"] == "used" && l["resource"] == "requests.nvidia.com/gpu", FaultRun.During),
            run.Value("kube_resourcequota", l => l["namespace"] == "training" && l["type"] == "used" && l["resource"] == "requests.nvidia.com/gpu", FaultRun.During));
    }

    [Fact]
    public void Distinguishing_ServingIdenticalToOverloadOnlyQuotaEvidenceDiffers()
    {
        var quota = new FaultRun((fleet, window) => new QuotaExceeded(fleet, fleet.Deployments[1], window, 3));
        var overload = new FaultRun((fleet, window) => new InferenceOverload(fleet, fleet.Deployments[1], window, 3));

        var quotaValues = new double[quota.Series.Length];
        var overloadValues = new double[overload.Series.Length];
        quota.Generator.Generate(FaultRun.During, quotaValues);
        overload.Generator.Generate(FaultRun.During, overloadValues);
        var differing = Enumerable.Range(0, quotaValues.Length)
            .Where(i => BitConverter.DoubleToUInt64Bits(quotaValues[i]) != BitConverter.DoubleToUInt64Bits(overloadValues[i]))
            .Select(i => quota.Series[i].Labels.MetricName)
            .ToHashSet();

        Assert.Equal(["kube_deployment_spec_replicas", "kube_resourcequota"], differing.Order());
        Assert.True(quota.Value("inference_queue_depth", Pod(quota.Fleet.Deployments[1].Pods[0]), FaultRun.During) > 30);
    }

    [Fact]
    public void Recovery_QuotaHeadroomAndReplicasBack()
    {
        var run = new FaultRun("quota-exceeded");
        var deployment = run.Fleet.Deployments.Single(d => run.Fault.Affected[1] == d.Id);

        Assert.Equal(run.HealthyValue("kube_resourcequota", l => GpuQuota(l, "used"), FaultRun.After), run.Value("kube_resourcequota", l => GpuQuota(l, "used"), FaultRun.After));
        Assert.Equal(deployment.Pods.Count, run.Value("kube_deployment_spec_replicas", Deployment(deployment), FaultRun.After));
        Assert.DoesNotContain(run.Logs(FaultRun.FaultEnd, FaultRun.After), l => l.Body.Contains("exceeded quota", StringComparison.Ordinal));
    }
}
