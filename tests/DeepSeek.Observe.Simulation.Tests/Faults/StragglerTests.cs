using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class StragglerTests
{
    [Fact]
    public void Signature_TheStragglersRanksWaitLeastInCollectivesWhileTheJobSlows()
    {
        var run = new FaultRun("straggler");
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);
        var job = run.Fleet.TrainingJobs.Single(j => run.Fault.Affected.Contains(j.Id));
        var slow = job.Ranks.Where(r => r.Pod.Node == node).ToList();
        var others = job.Ranks.Where(r => r.Pod.Node != node).ToList();

        Assert.Equal(EntityKind.Node, run.Fault.Root.Kind);
        Assert.All(job.Ranks, r => Assert.True(run.Value("train_step_time_seconds", Of.Rank(r), FaultRun.During) > 1.25 * run.HealthyValue("train_step_time_seconds", Of.Rank(r), FaultRun.During)));
        // The classic evidence: the slow ranks never wait, everyone else waits for them.
        var slowWait = slow.Max(r => run.Value("train_collective_time_seconds", Of.Rank(r), FaultRun.During));
        var othersWait = others.Min(r => run.Value("train_collective_time_seconds", Of.Rank(r), FaultRun.During));
        Assert.True(othersWait > 2 * slowWait, $"others {othersWait} s vs straggler {slowWait} s");
        Assert.All(slow, r => Assert.Equal(run.HealthyValue("train_collective_time_seconds", Of.Rank(r), FaultRun.During), run.Value("train_collective_time_seconds", Of.Rank(r), FaultRun.During)));
        // Its data loaders are late too; nobody else's are.
        Assert.True(run.Value("train_dataloader_wait_seconds", Of.Rank(slow[0]), FaultRun.During) > 0.02);
        Assert.Equal(run.HealthyValue("train_dataloader_wait_seconds", Of.Rank(others[0]), FaultRun.During), run.Value("train_dataloader_wait_seconds", Of.Rank(others[0]), FaultRun.During));
    }

    [Fact]
    public void Distinguishing_StarvedGpusOnTheNodeNoNicErrorsNoGpuThrottling()
    {
        var run = new FaultRun("straggler");
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);
        var job = run.Fleet.TrainingJobs.Single(j => run.Fault.Affected.Contains(j.Id));
        var slowGpu = job.Ranks.First(r => r.Pod.Node == node).Gpu;
        var otherGpu = job.Ranks.First(r => r.Pod.Node != node).Gpu;

        Assert.True(run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(slowGpu), FaultRun.During) < run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(otherGpu), FaultRun.During) - 15);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_SM_CLOCK", Of.Gpu(slowGpu), FaultRun.During), run.Value("DCGM_FI_DEV_SM_CLOCK", Of.Gpu(slowGpu), FaultRun.During));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", Of.Gpu(slowGpu), FaultRun.During));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_XID_ERRORS", Of.Gpu(slowGpu), FaultRun.During), run.Value("DCGM_FI_DEV_XID_ERRORS", Of.Gpu(slowGpu), FaultRun.During));
        Assert.DoesNotContain(run.Changed(FaultRun.During), i => run.Series[i].Kind.IsNode());
        Assert.DoesNotContain(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Body.Contains("NCCL", StringComparison.Ordinal));
    }

    [Fact]
    public void CfsVariant_ThrottledPeriodsClimbOnTheStragglersPod()
    {
        var run = Variant(cpuThrottled: true);
        var pod = run.Fleet.Pods.Single(p => p.Node.Id == run.Fault.Root);
        var other = run.Fleet.Pods.First(p => p != pod && p.TrainJob is not null);
        var throttled = run.Value("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.During);

        Assert.True(throttled > run.HealthyValue("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.During) + (6 * 1200));
        Assert.Equal(run.HealthyValue("container_cpu_cfs_throttled_periods_total", Of.Pod(other), FaultRun.During), run.Value("container_cpu_cfs_throttled_periods_total", Of.Pod(other), FaultRun.During));
        // The counter keeps what it counted; the rate is healthy again.
        var after = run.Value("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.After) - run.HealthyValue("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.After);
        Assert.InRange(after, 7 * 2399, 7 * 2401);
        Assert.DoesNotContain(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Source == LogSource.Kernel);
    }

    [Fact]
    public void HostVariant_KernelReportsCpuClockThrottling()
    {
        var run = Variant(cpuThrottled: false);
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);
        var pod = run.Fleet.Pods.Single(p => p.Node == node);

        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Source == LogSource.Kernel && l.Node == node && l.Body.Contains("Package temperature above threshold, cpu clock throttled", StringComparison.Ordinal));
        Assert.Equal(run.HealthyValue("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.During), run.Value("container_cpu_cfs_throttled_periods_total", Of.Pod(pod), FaultRun.During));
    }

    [Fact]
    public void Recovery_StepTimeHealthyAgainButTheJobStaysBehind()
    {
        var run = new FaultRun("straggler");
        var job = run.Fleet.TrainingJobs.Single(j => run.Fault.Affected.Contains(j.Id));
        var rank = job.Ranks[0];

        Assert.Equal(run.HealthyValue("train_step_time_seconds", Of.Rank(rank), FaultRun.After), run.Value("train_step_time_seconds", Of.Rank(rank), FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After), run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), FaultRun.After) < run.HealthyValue("train_steps_total", Of.Rank(rank), FaultRun.After) - 100);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EitherVariant_ChangesOnlyAffectedEntities(bool cpuThrottled)
    {
        var run = Variant(cpuThrottled);
        var changed = run.ChangedEntities(FaultRun.During);

        Assert.NotEmpty(changed);
        Assert.Subset(run.Fault.Affected.ToHashSet(), changed);
        Assert.Empty(run.ChangedEntities(FaultRun.Before));
    }

    private static InjectedRun Variant(bool cpuThrottled) => new((fleet, window) =>
        Enumerable.Range(0, 64)
            .Select(k => new Straggler(fleet, fleet.Pods[k % 6], window, (ulong)k))
            .First(f => f.CpuThrottled == cpuThrottled));
}
