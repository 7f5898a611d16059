using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using static DeepSeek.Observe.Simulation.Tests.Faults.WorkloadProbe;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class CrashLoopTests
{
    private const string Restarts = "kube_pod_container_status_restarts_total";
    private const string Waiting = "kube_pod_container_status_waiting_reason";
    private const string LastTerminated = "kube_pod_container_status_last_terminated_reason";

    [Fact]
    public void Signature_RestartsFollowTheBackOffScheduleWhileWaitingInCrashLoopBackOff()
    {
        var (run, pod) = Run(f => f.Deployments[0].Pods[3]);
        var healthy = run.HealthyValue(Restarts, Pod(pod), FaultRun.During);

        // Back-offs of 10, 20, 40, 80, 160 s, then 300 s each: restarts at ~10, 30, 70, 150, 310, 610, 910 s; 7 by 20 minutes.
        Assert.Equal(healthy + 7, run.Value(Restarts, Pod(pod), FaultRun.During));
        Assert.Equal(run.HealthyValue(Restarts, Pod(pod), FaultRun.FaultStart + 1) + 1, run.Value(Restarts, Pod(pod), FaultRun.FaultStart + 1));
        Assert.True(SimulatedValue.IsAbsent(run.Value(Waiting, Pod(pod, "reason", "CrashLoopBackOff"), FaultRun.Before)));
        Assert.Equal(1, run.Value(Waiting, Pod(pod, "reason", "CrashLoopBackOff"), FaultRun.During));
        Assert.Equal(1, run.Value(LastTerminated, Pod(pod, "reason", "Error"), FaultRun.During));
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body == $"Back-off restarting failed container server in pod {pod.Name}_inference({pod.Uid})");
        Assert.Contains(logs, l => l.Source == LogSource.Container && l.Level == LogSeverity.Fatal && l.Pod == pod);
    }

    [Fact]
    public void Distinguishing_ErrorNotOomKilled_NoWorkingSetAtTheLimit()
    {
        var (run, pod) = Run(f => f.TrainingJobs[1].Pods[0]);
        var workingSet = run.Index("container_memory_working_set_bytes", Pod(pod));

        Assert.True(SimulatedValue.IsAbsent(run.Value(LastTerminated, Pod(pod, "reason", "OOMKilled"), FaultRun.During)));
        for (var step = FaultRun.FaultStart; step < FaultRun.FaultEnd; step++)
        {
            // Absent (marked stale) while backing off, a few hundred MiB while it starts; never near the limit.
            var value = run.Generator.ValueAt(workingSet, step);
            Assert.True(double.IsNaN(value) || value < 1L << 30, $"working set {value} at step {step}");
        }
    }

    [Fact]
    public void Propagation_TrainingJobStallsForTheWholeFault()
    {
        var (run, pod) = Run(f => f.TrainingJobs[1].Pods[0]);
        var rank = pod.TrainJob!.Ranks[^1];
        bool Rank(LabelSet l) => l["train_job"] == rank.Job.Name && l["rank"] == rank.Rank.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(run.Value("train_steps_total", Rank, FaultRun.FaultStart), run.Value("train_steps_total", Rank, FaultRun.During));
        Assert.Equal(0, run.Value("train_tokens_per_second", Rank, FaultRun.During));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", Gpu(pod.Gpus[3]), FaultRun.During));
        Assert.Equal(run.HealthyValue("train_tokens_per_second", Rank, FaultRun.After), run.Value("train_tokens_per_second", Rank, FaultRun.After));
        Assert.True(run.Growth("train_steps_total", Rank, FaultRun.After) > 0);
    }

    [Fact]
    public void Propagation_DeploymentRunsAReplicaShortAndTheOthersQueueMore()
    {
        var (run, pod) = Run(f => f.Deployments[0].Pods[3]);
        var deployment = pod.Deployment!;
        var sibling = deployment.Pods[5];

        Assert.Equal(deployment.Pods.Count - 1, run.Value("kube_deployment_status_replicas_available", Deployment(deployment), FaultRun.During));
        Assert.Equal(0, run.Growth("inference_request_duration_seconds_count", Pod(pod), FaultRun.During));
        var share = run.Growth("inference_request_duration_seconds_count", Pod(sibling), FaultRun.During) / run.Growth("inference_request_duration_seconds_count", Pod(sibling), FaultRun.During, healthy: true);
        Assert.InRange(share, 1.05, 1.25);
        Assert.True(run.Value("inference_queue_depth", Pod(sibling), FaultRun.During) >= run.HealthyValue("inference_queue_depth", Pod(sibling), FaultRun.During));
        AssertBucketsCumulative(run, sibling, FaultRun.During);
    }

    [Fact]
    public void Recovery_FixedContainerStartsAndServes()
    {
        var (run, pod) = Run(f => f.Deployments[0].Pods[3]);

        Assert.True(SimulatedValue.IsAbsent(run.Value(Waiting, Pod(pod, "reason", "CrashLoopBackOff"), FaultRun.After)));
        Assert.Equal(run.HealthyValue("container_memory_working_set_bytes", Pod(pod), FaultRun.After), run.Value("container_memory_working_set_bytes", Pod(pod), FaultRun.After));
        Assert.Equal(run.Growth("inference_requests_total", Pod(pod, "code", "200"), FaultRun.After, healthy: true), run.Growth("inference_requests_total", Pod(pod, "code", "200"), FaultRun.After), 1.0);
        Assert.Equal(pod.Deployment!.Pods.Count, run.Value("kube_deployment_status_replicas_available", Deployment(pod.Deployment), FaultRun.After));
        AssertNeverDecreases(run, Restarts, Pod(pod));
        AssertNeverDecreases(run, "inference_requests_total", Pod(pod, "code", "200"));
        Assert.Contains(run.Logs(FaultRun.FaultEnd, FaultRun.After), l => l.Body == "Started container server");
    }

    private static (FaultRun Run, FleetPod Pod) Run(Func<Fleet, FleetPod> pick)
    {
        var run = new FaultRun((fleet, window) => new CrashLoop(fleet, pick(fleet), window, 5));
        return (run, run.Fleet.Pods.Single(p => p.Id == run.Fault.Root));
    }
}
