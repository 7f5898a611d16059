using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>The hardware faults on a fleet that only serves: no job to propagate to, the serving pod is what suffers.</summary>
public class GpuFaultsOnInferenceTests
{
    private static readonly FleetSpec s_serving = new(2, 8, 0, 1, Seed: 7);

    [Theory]
    [InlineData("gpu-fell-off-bus")]
    [InlineData("ecc-uncorrectable")]
    [InlineData("power-throttling")]
    [InlineData("nvlink-error")]
    [InlineData("pcie-error")]
    public void Fault_ChangesOnlyAffectedEntitiesOfAServingFleet(string kind)
    {
        var run = new FaultRun(kind, s_serving);
        var affected = run.Fault.Affected.ToHashSet();

        Assert.NotEmpty(run.Changed(FaultRun.During));
        Assert.All(run.Changed(FaultRun.During), i => Assert.Contains(run.EntityOf(in run.Series[i]), affected));
        Assert.Empty(run.Changed(FaultRun.Before));
    }

    [Fact]
    public void EccUncorrectable_ServingPodRestartsAndServesAgain()
    {
        var run = new FaultRun("ecc-uncorrectable", s_serving);
        var pod = run.Fleet.Gpus.Single(g => g.Id == run.Fault.Root).Pod!;
        var ok = Select.Code(pod, "200");

        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Select.Pod(pod), FaultRun.During) + 1, run.Value("kube_pod_container_status_restarts_total", Select.Pod(pod), FaultRun.During));
        Assert.Equal(1, run.Value(GpuFaultEffects.LastTerminatedReason, Select.Terminated(pod, "Error"), FaultRun.During));
        // No requests while the model reloads, then as many as usual.
        Assert.Equal(run.Value("inference_requests_total", ok, FaultRun.FaultStart), run.Value("inference_requests_total", ok, FaultRun.FaultStart + 7));
        Assert.Equal(
            run.HealthyValue("inference_requests_total", ok, FaultRun.During) - run.HealthyValue("inference_requests_total", ok, FaultRun.FaultStart + 10),
            run.Value("inference_requests_total", ok, FaultRun.During) - run.Value("inference_requests_total", ok, FaultRun.FaultStart + 10));
    }
}
