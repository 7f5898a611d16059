using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using static DeepSeek.Observe.Simulation.Tests.Faults.WorkloadProbe;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class ContainerOomKilledTests
{
    private const string WorkingSet = "container_memory_working_set_bytes";
    private const string Restarts = "kube_pod_container_status_restarts_total";
    private const string LastTerminated = "kube_pod_container_status_last_terminated_reason";

    [Fact]
    public void Signature_WorkingSetClimbsToTheLimitThenTheContainerIsOomKilled()
    {
        var (run, pod, fault) = Run(f => f.TrainingJobs[0].Pods[1]);
        var firstKill = StepOf(fault.Outages[0].StartMs);
        var limit = run.Value("kube_pod_container_resource_limits", Pod(pod, "resource", "memory"), FaultRun.During);

        Assert.Equal(pod.Id, fault.Root);
        Assert.True(fault.Outages.Count >= 2, "the leak should restart after each kill and hit the limit again");
        Assert.InRange(run.Value(WorkingSet, Pod(pod), firstKill - 1), 0.95 * limit, limit);
        Assert.True(run.HealthyValue(WorkingSet, Pod(pod), firstKill - 1) < 0.8 * limit);
        Assert.True(run.Value(WorkingSet, Pod(pod), firstKill + 1) < 0.5 * limit, "the restarted container starts from little memory");
        Assert.Equal(run.HealthyValue(Restarts, Pod(pod), firstKill - 1), run.Value(Restarts, Pod(pod), firstKill - 1));
        Assert.Equal(run.HealthyValue(Restarts, Pod(pod), firstKill) + 1, run.Value(Restarts, Pod(pod), firstKill));
        Assert.True(SimulatedValue.IsAbsent(run.Value(LastTerminated, Pod(pod, "reason", "OOMKilled"), FaultRun.Before)));
        Assert.Equal(1, run.Value(LastTerminated, Pod(pod, "reason", "OOMKilled"), firstKill));
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        Assert.Equal(fault.Outages.Count, logs.Count(l => l.Source == LogSource.Kernel && l.Body.StartsWith("Memory cgroup out of memory: Killed process", StringComparison.Ordinal) && l.Body.Contains("(python)", StringComparison.Ordinal)));
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Pod == pod && l.Body.Contains("reason=OOMKilled exitCode=137", StringComparison.Ordinal));
    }

    [Fact]
    public void Distinguishing_HostMemoryNotGpuMemory_ReasonOomKilledNotError()
    {
        var (run, pod, fault) = Run(f => f.TrainingJobs[0].Pods[1]);
        var leaking = StepOf(fault.Outages[0].StartMs) - 2;
        var gpu = pod.Gpus[0];

        // CudaOutOfMemory fills the framebuffer and exits with reason Error; here the framebuffer is as usual.
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_FB_USED", Gpu(gpu), leaking), run.Value("DCGM_FI_DEV_FB_USED", Gpu(gpu), leaking));
        Assert.True(SimulatedValue.IsAbsent(run.Value(LastTerminated, Pod(pod, "reason", "Error"), FaultRun.During)));
        Assert.Equal(1, run.Value(LastTerminated, Pod(pod, "reason", "OOMKilled"), FaultRun.During));
        Assert.True(SimulatedValue.IsAbsent(run.Value("kube_pod_container_status_waiting_reason", Pod(pod, "reason", "CrashLoopBackOff"), FaultRun.During)));
    }

    [Fact]
    public void Propagation_TrainingJobStallsWhileTheWorkerRestarts()
    {
        var (run, pod, fault) = Run(f => f.TrainingJobs[0].Pods[1]);
        var outage = fault.Outages[0];
        var down = StepOf(outage.StartMs) + 2;
        var other = pod.TrainJob!.Ranks.First(r => r.Pod != pod);
        bool Rank(LabelSet l) => l["train_job"] == other.Job.Name && l["rank"] == other.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, run.Value("train_tokens_per_second", Rank, down));
        Assert.Equal(run.Value("train_steps_total", Rank, StepOf(outage.StartMs)), run.Value("train_steps_total", Rank, down));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[0]), down));
        Assert.True(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[0]), down) > 80);
        // Between kills the job steps as usual; it has lost the restarts' worth of steps for good.
        var between = StepOf(outage.EndMs) + 21;
        Assert.Equal(run.Growth("train_steps_total", Rank, between, healthy: true), run.Growth("train_steps_total", Rank, between), 1.0);
        Assert.True(run.Value("train_steps_total", Rank, FaultRun.After) < run.HealthyValue("train_steps_total", Rank, FaultRun.After) - 50);
        Assert.Contains(other.Job.Id, fault.Affected);
    }

    [Fact]
    public void Propagation_InferenceReplicaDropsOutAndTheOthersTakeItsTraffic()
    {
        var (run, pod, fault) = Run(f => f.Deployments[0].Pods[1]);
        var deployment = pod.Deployment!;
        var sibling = deployment.Pods[0];
        var outage = fault.Outages[0];
        var down = StepOf(outage.StartMs) + 4;
        Assert.True(outage.EndMs > FaultRun.StartMs + (down * FaultRun.StepMs), "the check must fall inside the restart");

        Assert.Equal(deployment.Pods.Count - 1, run.Value("kube_deployment_status_replicas_available", Deployment(deployment), down));
        Assert.Equal(run.Value("inference_requests_total", Pod(pod, "code", "200"), StepOf(outage.StartMs)), run.Value("inference_requests_total", Pod(pod, "code", "200"), down));
        Assert.Equal(0, run.Value("inference_queue_depth", Pod(pod), down));
        Assert.True(run.Value("inference_request_duration_seconds_count", Pod(sibling), down) > run.HealthyValue("inference_request_duration_seconds_count", Pod(sibling), down));
        AssertBucketsCumulative(run, sibling, down);
        AssertBucketsCumulative(run, pod, down);
        Assert.Equal(deployment.Pods.Count, run.Value("kube_deployment_status_replicas_available", Deployment(deployment), FaultRun.After));
    }

    [Fact]
    public void Recovery_MemoryBackToHealthyButRestartsAndReasonRemain()
    {
        var (run, pod, fault) = Run(f => f.Deployments[1].Pods[2]);

        Assert.Equal(run.HealthyValue(WorkingSet, Pod(pod), FaultRun.After), run.Value(WorkingSet, Pod(pod), FaultRun.After));
        Assert.Equal(run.HealthyValue(Restarts, Pod(pod), FaultRun.After) + fault.Outages.Count, run.Value(Restarts, Pod(pod), FaultRun.After));
        Assert.Equal(1, run.Value(LastTerminated, Pod(pod, "reason", "OOMKilled"), FaultRun.After));
        AssertNeverDecreases(run, Restarts, Pod(pod));
        AssertNeverDecreases(run, "inference_requests_total", Pod(pod, "code", "200"));
        AssertNeverDecreases(run, "inference_request_duration_seconds_sum", Pod(pod));
    }

    [Fact]
    public void ShortFault_StillKillsOnce()
    {
        var fleet = Fleet.Build(new FleetSpec(4, 8, 1, 1, Seed: 2));

        var fault = new ContainerOomKilled(fleet, fleet.Pods[0], new FaultWindow(0, 5 * 60_000), 1);

        var kill = Assert.Single(fault.Outages);
        Assert.InRange(kill.StartMs, 60_000, 150_000);
    }

    private static (FaultRun Run, FleetPod Pod, ContainerOomKilled Fault) Run(Func<Fleet, FleetPod> pick)
    {
        var run = new FaultRun((fleet, window) => new ContainerOomKilled(fleet, pick(fleet), window, 11));
        var fault = (ContainerOomKilled)run.Fault;
        return (run, run.Fleet.Pods.Single(p => p.Id == fault.Root), fault);
    }
}
