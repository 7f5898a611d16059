using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class SidecarInterferenceTests
{
    [Fact]
    public void Signature_IstioProxyAppearsInTheJobsPodsOnly()
    {
        var run = new FaultRun("sidecar-interference");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var other = run.Fleet.TrainingJobs.First(j => j != job);

        Assert.Equal(EntityKind.TrainJob, run.Fault.Root.Kind);
        Assert.All(job.Pods, p =>
        {
            Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_info", Of.Sidecar(p), FaultRun.Before)));
            Assert.Equal(1, run.Value("kube_pod_container_info", Of.Sidecar(p), FaultRun.During));
            Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_info", Of.Sidecar(p), FaultRun.After)));
        });
        Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_info", Of.Sidecar(other.Pods[0]), FaultRun.During)));
    }

    [Fact]
    public void Propagation_TrainersRestartAndTheJobStops()
    {
        var run = new FaultRun("sidecar-interference");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var pod = job.Pods[0];
        var rank = job.Ranks[^1];

        // Twenty minutes in, each trainer has given up on rendezvous four times.
        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Of.Pod(pod), FaultRun.During) + 4, run.Value("kube_pod_container_status_restarts_total", Of.Pod(pod), FaultRun.During));
        Assert.Equal(1, run.Value("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "Error"), FaultRun.During));
        Assert.Equal(run.Value("train_steps_total", Of.Rank(rank), FaultRun.FaultStart), run.Value("train_steps_total", Of.Rank(rank), FaultRun.During));
        Assert.Equal(0, run.Value("train_tokens_per_second", Of.Rank(rank), FaultRun.During));
    }

    [Fact]
    public void Distinguishing_GpusIdleNotSpinningNoNicErrorsNoWatchdog()
    {
        var run = new FaultRun("sidecar-interference");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        Assert.All(job.Ranks, r =>
        {
            Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(r.Gpu), FaultRun.During));
            Assert.Equal(0, run.Value("DCGM_FI_DEV_FB_USED", Of.Gpu(r.Gpu), FaultRun.During));
        });
        Assert.DoesNotContain(run.Changed(FaultRun.During), i => run.Series[i].Kind.IsNode());
        Assert.DoesNotContain(logs, l => l.Body.Contains("Watchdog", StringComparison.Ordinal) || l.Body.Contains("NET/IB", StringComparison.Ordinal));
        // The GPUs draw idle power, so the energy counter slows, but never goes back.
        var gpu = job.Ranks[0].Gpu;
        var energyBefore = run.Value("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Of.Gpu(gpu), FaultRun.FaultStart);
        var energyDuring = run.Value("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Of.Gpu(gpu), FaultRun.During);
        var healthyGrowth = run.HealthyValue("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Of.Gpu(gpu), FaultRun.During) - run.HealthyValue("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", Of.Gpu(gpu), FaultRun.FaultStart);
        Assert.InRange(energyDuring - energyBefore, 0, 0.2 * healthyGrowth);
    }

    [Fact]
    public void Logs_GrpcUnavailableFromTheTrainerEnvoyUpstreamFailureFromTheSidecar()
    {
        var run = new FaultRun("sidecar-interference");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        Assert.All(job.Pods, p =>
        {
            Assert.Contains(logs, l => l.Pod == p && l.Container == "trainer" && l.Body.Contains("grpc status 14 (UNAVAILABLE)", StringComparison.Ordinal));
            Assert.Contains(logs, l => l.Pod == p && l.Container == SeriesCatalog.SidecarContainer && l.Body.Contains(" UF,URX ", StringComparison.Ordinal));
            Assert.Contains(logs, l => l.Pod == p && l.Source == LogSource.Kubernetes && l.Body == $"Started container {SeriesCatalog.SidecarContainer}");
            Assert.Contains(logs, l => l.Pod == p && l.Source == LogSource.Kubernetes && l.Body.StartsWith("Back-off restarting failed container trainer", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Recovery_GpusBusyAgainRestartsKept()
    {
        var run = new FaultRun("sidecar-interference");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var rank = job.Ranks[0];

        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After), run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After));
        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Of.Pod(rank.Pod), FaultRun.After) + 7, run.Value("kube_pod_container_status_restarts_total", Of.Pod(rank.Pod), FaultRun.After));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), FaultRun.After) > run.Value("train_steps_total", Of.Rank(rank), FaultRun.During));
    }
}
