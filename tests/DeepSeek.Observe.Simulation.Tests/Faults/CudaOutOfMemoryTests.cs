using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class CudaOutOfMemoryTests
{
    [Fact]
    public void Signature_FramebufferFillsThenTheRankFailsWithACudaError()
    {
        var run = new FaultRun("cuda-out-of-memory");
        var fault = Assert.IsType<CudaOutOfMemory>(run.Fault);
        var rank = run.Fleet.Ranks.Single(r => r.Id == fault.Root);
        var full = InjectedRun.StepAt(fault.Failures[0]) - 1;

        Assert.Equal(EntityKind.Rank, fault.Root.Kind);
        Assert.True(run.Value("DCGM_FI_DEV_FB_FREE", Of.Gpu(rank.Gpu), full) < 300);
        Assert.True(run.HealthyValue("DCGM_FI_DEV_FB_FREE", Of.Gpu(rank.Gpu), full) > 5_000);
        Assert.True(run.Value("DCGM_FI_DEV_FB_USED", Of.Gpu(rank.Gpu), full) > 80_000);
        Assert.Equal(Fleet.FramebufferMiB - 519, run.Value("DCGM_FI_DEV_FB_USED", Of.Gpu(rank.Gpu), full) + run.Value("DCGM_FI_DEV_FB_FREE", Of.Gpu(rank.Gpu), full));
        // Only the failing rank's GPU fills up.
        var neighbour = rank.Pod.Gpus.First(g => g != rank.Gpu);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_FB_FREE", Of.Gpu(neighbour), full), run.Value("DCGM_FI_DEV_FB_FREE", Of.Gpu(neighbour), full));
        var oom = Assert.Single(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.TimestampMs == fault.Failures[0] && l.Body.Contains("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate", StringComparison.Ordinal));
        Assert.Equal(rank.Pod, oom.Pod);
        Assert.Equal(LogSource.Container, oom.Source);
    }

    [Fact]
    public void Propagation_PodRestartsWithReasonErrorAndTheJobStalls()
    {
        var run = new FaultRun("cuda-out-of-memory");
        var fault = Assert.IsType<CudaOutOfMemory>(run.Fault);
        var rank = run.Fleet.Ranks.Single(r => r.Id == fault.Root);
        var pod = rank.Pod;
        var failed = fault.Failures.Count(t => t + 10_000 <= InjectedRun.At(FaultRun.During));
        var down = InjectedRun.StepAt(fault.Failures[0]) + 4;

        Assert.True(failed >= 1);
        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Of.Pod(pod), FaultRun.During) + failed, run.Value("kube_pod_container_status_restarts_total", Of.Pod(pod), FaultRun.During));
        Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "Error"), FaultRun.Before))
            || run.HealthyValue("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "Error"), FaultRun.Before) == 1);
        Assert.Equal(1, run.Value("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "Error"), FaultRun.During));
        // While it restarts no step completes, and the crashed pod's GPUs are empty.
        var other = rank.Job.Ranks.First(r => r.Pod != pod);
        Assert.Equal(run.Value("train_steps_total", Of.Rank(other), down - 3), run.Value("train_steps_total", Of.Rank(other), down));
        Assert.Equal(0, run.Value("train_tokens_per_second", Of.Rank(other), down));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), down));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_FB_USED", Of.Gpu(pod.Gpus[^1]), down));
    }

    [Fact]
    public void Distinguishing_NotTheHostOomKiller()
    {
        var run = new FaultRun("cuda-out-of-memory");
        var pod = run.Fleet.Ranks.Single(r => r.Id == run.Fault.Root).Pod;

        Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "OOMKilled"), FaultRun.During)));
        Assert.Equal(run.HealthyValue("container_memory_working_set_bytes", Of.Pod(pod), FaultRun.During), run.Value("container_memory_working_set_bytes", Of.Pod(pod), FaultRun.During));
        Assert.DoesNotContain(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Body.Contains("OOMKilled", StringComparison.Ordinal) || l.Source == LogSource.Kernel);
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Source == LogSource.Kubernetes && l.Pod == pod && l.Body.Contains("reason Error", StringComparison.Ordinal));
    }

    [Fact]
    public void Recovery_MemoryHealthyRestartsKept()
    {
        var run = new FaultRun("cuda-out-of-memory");
        var fault = Assert.IsType<CudaOutOfMemory>(run.Fault);
        var rank = run.Fleet.Ranks.Single(r => r.Id == fault.Root);

        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_FB_USED", Of.Gpu(rank.Gpu), FaultRun.After), run.Value("DCGM_FI_DEV_FB_USED", Of.Gpu(rank.Gpu), FaultRun.After));
        Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", Of.Pod(rank.Pod), FaultRun.After) + fault.Failures.Count, run.Value("kube_pod_container_status_restarts_total", Of.Pod(rank.Pod), FaultRun.After));
        Assert.Equal(run.HealthyValue("train_step_time_seconds", Of.Rank(rank), FaultRun.After), run.Value("train_step_time_seconds", Of.Rank(rank), FaultRun.After));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), FaultRun.After) > run.Value("train_steps_total", Of.Rank(rank), FaultRun.FaultEnd));
    }

    [Fact]
    public void InferenceOnly_RootIsThePodWhichStopsServingWhileItRestarts()
    {
        var run = new FaultRun("cuda-out-of-memory", new FleetSpec(4, 8, 0, 2, Seed: 7));
        var fault = Assert.IsType<CudaOutOfMemory>(run.Fault);
        var pod = run.Fleet.Pods.Single(p => p.Id == fault.Root);
        var gpu = pod.Gpus[0];
        var full = InjectedRun.StepAt(fault.Failures[0]) - 1;
        var down = InjectedRun.StepAt(fault.Failures[0]) + 4;
        bool Ok(LabelSet l) => l["pod"] == pod.Name && l["code"] == "200";
        bool Replicas(LabelSet l) => l["deployment"] == pod.Deployment!.Name;

        Assert.Equal(EntityKind.Pod, fault.Root.Kind);
        var affected = fault.Affected.ToHashSet();
        Assert.All(run.Changed(down), i => Assert.Contains(run.EntityOf(in run.Series[i]), affected));
        Assert.Empty(run.Changed(FaultRun.Before));
        Assert.True(run.Value("DCGM_FI_DEV_FB_FREE", Of.Gpu(gpu), full) < 300);
        Assert.Equal(run.Value("inference_requests_total", Ok, down - 3), run.Value("inference_requests_total", Ok, down));
        Assert.True(run.HealthyValue("inference_requests_total", Ok, down) > run.HealthyValue("inference_requests_total", Ok, down - 3));
        Assert.Equal(run.HealthyValue("kube_deployment_status_replicas_available", Replicas, down) - 1, run.Value("kube_deployment_status_replicas_available", Replicas, down));
        Assert.Equal(1, run.Value("kube_pod_container_status_last_terminated_reason", Of.Pod(pod, "Error"), FaultRun.During));
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Pod == pod && l.Container == "server" && l.Body.StartsWith("torch.OutOfMemoryError: CUDA out of memory.", StringComparison.Ordinal));
        // Serving resumes at the healthy rate once the fault is over, the requests it missed stay missed.
        Assert.Equal(run.HealthyValue("kube_deployment_status_replicas_available", Replicas, FaultRun.After), run.Value("kube_deployment_status_replicas_available", Replicas, FaultRun.After));
        Assert.True(run.Value("inference_requests_total", Ok, FaultRun.After) < run.HealthyValue("inference_requests_total", Ok, FaultRun.After));
    }
}
