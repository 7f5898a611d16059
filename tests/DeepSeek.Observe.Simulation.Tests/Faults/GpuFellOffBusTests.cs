using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class GpuFellOffBusTests
{
    // Five minutes in: the job hangs, the NCCL watchdog has not fired yet.
    private static long Hanging => FaultRun.FaultStart + 20;

    [Fact]
    public void Signature_LostGpuIsSilentWithXid79AndNoEccErrors()
    {
        var run = new FaultRun("gpu-fell-off-bus");
        var gpu = Select.Gpu(run.Fault.Root);

        Assert.Equal(EntityKind.Gpu, run.Fault.Root.Kind);
        Assert.Equal(79, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.During));
        Assert.True(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.During) > 80);
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.During));
        Assert.Equal(0, run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", gpu, Hanging));
        Assert.InRange(run.Value("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.During), 60, 75);
        Assert.Equal(345, run.Value("DCGM_FI_DEV_SM_CLOCK", gpu, FaultRun.During));
        Assert.True(run.Value("DCGM_FI_DEV_GPU_TEMP", gpu, FaultRun.During) < run.HealthyValue("DCGM_FI_DEV_GPU_TEMP", gpu, FaultRun.During) - 25);
        // Not an ECC fault: the memory error counters do not move.
        foreach (var counter in new[] { "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_ROW_REMAP_FAILURE" })
        {
            Assert.Equal(run.HealthyValue(counter, gpu, FaultRun.During), run.Value(counter, gpu, FaultRun.During));
        }
    }

    [Fact]
    public void Propagation_JobHangsWithPeersSpinningInNcclThenRestarts()
    {
        var run = new FaultRun("gpu-fell-off-bus");
        var lost = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);
        var peer = lost.Job.Ranks.First(r => r.Pod != lost.Pod);

        // Spinning: utilization as busy as ever, tensor cores idle, power a fraction of the load's.
        var peerGpu = Select.Gpu(peer.Gpu);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", peerGpu, Hanging), run.Value("DCGM_FI_DEV_GPU_UTIL", peerGpu, Hanging));
        Assert.True(run.HealthyValue("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", peerGpu, Hanging) > 0.3);
        Assert.True(run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", peerGpu, Hanging) < 0.01);
        Assert.True(run.Value("DCGM_FI_DEV_POWER_USAGE", peerGpu, Hanging) < 0.5 * run.HealthyValue("DCGM_FI_DEV_POWER_USAGE", peerGpu, Hanging));
        // After the watchdog killed the job its GPUs idle.
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", peerGpu, FaultRun.During));

        // No rank makes progress: the step counter freezes where it was when the GPU fell off.
        var steps = Select.Rank(peer);
        Assert.Equal(run.Value("train_steps_total", steps, FaultRun.FaultStart), run.Value("train_steps_total", steps, FaultRun.During));
        Assert.Equal(0, run.Value("train_tokens_per_second", steps, Hanging));

        // Every pod of the job restarts once the watchdog fires, not before, with reason Error.
        foreach (var pod in lost.Job.Pods)
        {
            var of = Select.Pod(pod);
            Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", of, Hanging), run.Value("kube_pod_container_status_restarts_total", of, Hanging));
            Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", of, FaultRun.During) + 1, run.Value("kube_pod_container_status_restarts_total", of, FaultRun.During));
            Assert.Equal(1, run.Value(GpuFaultEffects.LastTerminatedReason, Select.Terminated(pod, "Error"), FaultRun.During));
            Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", of, FaultRun.After) + 1, run.Value("kube_pod_container_status_restarts_total", of, FaultRun.After));
        }

        // The other job is untouched.
        var other = run.Fleet.TrainingJobs.Single(j => j != lost.Job).Ranks[0];
        Assert.Equal(run.HealthyValue("train_steps_total", Select.Rank(other), FaultRun.During), run.Value("train_steps_total", Select.Rank(other), FaultRun.During));
    }

    [Fact]
    public void Recovery_GaugesHealthyCountersKeepTheLoss()
    {
        var run = new FaultRun("gpu-fell-off-bus");
        var gpu = Select.Gpu(run.Fault.Root);
        var rank = Select.Rank(run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root));

        Assert.Equal(0, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.After), run.Value("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.After));
        Assert.True(run.Value("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu, FaultRun.After) < run.HealthyValue("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu, FaultRun.After));
        Assert.True(run.Value("train_steps_total", rank, FaultRun.After) < run.HealthyValue("train_steps_total", rank, FaultRun.After) - 100);
    }

    [Fact]
    public void Logs_Xid79ThenWatchdogTimeoutOnEveryRank()
    {
        var run = new FaultRun("gpu-fell-off-bus");
        var lost = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        var xid = Assert.Single(logs, l => l.Body.StartsWith("NVRM: Xid", StringComparison.Ordinal));
        Assert.Equal(LogSource.Kernel, xid.Source);
        Assert.Equal(lost.Gpu.Node, xid.Node);
        Assert.Matches(new Regex(@"^NVRM: Xid \(PCI:0000:[0-9A-F]{2}:00\): 79, pid=\S+, name=\S+, GPU has fallen off the bus\.$"), xid.Body);
        Assert.Contains($"PCI:{lost.Gpu.PciBusId[4..^2]})", xid.Body, StringComparison.Ordinal);

        var watchdog = logs.Where(l => l.Body.Contains("Watchdog caught collective operation timeout", StringComparison.Ordinal)).ToList();
        Assert.Equal(lost.Job.Ranks.Count, watchdog.Count);
        Assert.All(watchdog, l => Assert.True(l.Source == LogSource.Container && l.Pod?.TrainJob == lost.Job && l.TimestampMs >= run.Fault.Window.StartMs + GpuFellOffBus.WatchdogMs));
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body.Contains("is restarting", StringComparison.Ordinal));
        Assert.Empty(run.Logs(0, FaultRun.FaultStart));
    }

    [Fact]
    public void Inference_PodFailsRequestsThenRestarts()
    {
        var run = new FaultRun("gpu-fell-off-bus", new FleetSpec(2, 8, 0, 1, Seed: 7));
        var pod = run.Fleet.Gpus.Single(g => g.Id == run.Fault.Root).Pod!;

        Assert.NotNull(pod.Deployment);
        var failed = run.Value("inference_requests_total", Select.Code(pod, "500"), FaultRun.During) - run.Value("inference_requests_total", Select.Code(pod, "500"), FaultRun.FaultStart - 1);
        var usual = run.HealthyValue("inference_requests_total", Select.Code(pod, "500"), FaultRun.During) - run.HealthyValue("inference_requests_total", Select.Code(pod, "500"), FaultRun.FaultStart - 1);
        Assert.True(failed > 300 && failed > 10 * usual, $"{failed} 500s during the fault, {usual} usually");
        Assert.Equal(run.Value("inference_requests_total", Select.Code(pod, "200"), FaultRun.FaultStart), run.Value("inference_requests_total", Select.Code(pod, "200"), FaultRun.During));
        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Select.Pod(pod), FaultRun.During) + 1, run.Value("kube_pod_container_status_restarts_total", Select.Pod(pod), FaultRun.During));
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Pod == pod && l.Body.Contains("Liveness probe failed", StringComparison.Ordinal));
    }
}
