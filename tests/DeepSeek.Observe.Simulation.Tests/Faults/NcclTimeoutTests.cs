using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class NcclTimeoutTests
{
    [Fact]
    public void BadNic_ErrorCountersClimbOnTheRootNodeOnly()
    {
        var run = Variant(mtuMismatch: false);
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);
        var other = run.Fleet.Nodes.First(n => n != node);

        Assert.True(run.Value("node_network_receive_errs_total", Of.Node(node), FaultRun.During) > 40 * 1200);
        Assert.True(run.Value("node_network_transmit_errs_total", Of.Node(node), FaultRun.During) > 0);
        Assert.Equal(0, run.Value("node_network_receive_errs_total", Of.Node(other), FaultRun.During));
        Assert.Equal(SeriesCatalog.FabricMtu, run.Value("node_network_mtu_bytes", Of.Node(node), FaultRun.During));
        // Counters keep what they counted once the NIC is replaced.
        Assert.Equal(run.Value("node_network_receive_errs_total", Of.Node(node), FaultRun.FaultEnd), run.Value("node_network_receive_errs_total", Of.Node(node), FaultRun.After));
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Source == LogSource.Kernel && l.Node == node && l.Body.Contains("mlx5_core", StringComparison.Ordinal));
    }

    [Fact]
    public void MtuMismatch_MtuReads1500WithoutLinkErrors()
    {
        var run = Variant(mtuMismatch: true);
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);

        Assert.Equal(1500, run.Value("node_network_mtu_bytes", Of.Node(node), FaultRun.During));
        Assert.Equal(SeriesCatalog.FabricMtu, run.Value("node_network_mtu_bytes", Of.Node(node), FaultRun.Before));
        Assert.Equal(SeriesCatalog.FabricMtu, run.Value("node_network_mtu_bytes", Of.Node(node), FaultRun.After));
        Assert.Equal(0, run.Value("node_network_receive_errs_total", Of.Node(node), FaultRun.During));
        Assert.Contains("1500-byte MTU", run.Fault.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Propagation_EveryRanksCollectivesSlowThenTheJobHangs()
    {
        var run = new FaultRun("nccl-timeout");
        var node = run.Fleet.Nodes.Single(n => n.Id == run.Fault.Root);
        var job = run.Fleet.TrainingJobs.Single(j => run.Fault.Affected.Contains(j.Id));
        var onBadNode = job.Ranks.First(r => r.Pod.Node == node);
        var elsewhere = job.Ranks.First(r => r.Pod.Node != node);
        var degraded = FaultRun.FaultStart + 8;

        Assert.Equal(EntityKind.Node, run.Fault.Root.Kind);
        // Unlike a straggler, the bad node's ranks wait in collectives like everyone else.
        foreach (var rank in new[] { onBadNode, elsewhere })
        {
            Assert.True(run.Value("train_collective_time_seconds", Of.Rank(rank), degraded) > 2 * run.HealthyValue("train_collective_time_seconds", Of.Rank(rank), degraded));
        }

        // Hung: no step completes, no tokens flow.
        Assert.Equal(run.Value("train_steps_total", Of.Rank(elsewhere), FaultRun.During - 20), run.Value("train_steps_total", Of.Rank(elsewhere), FaultRun.During));
        Assert.Equal(0, run.Value("train_tokens_per_second", Of.Rank(elsewhere), FaultRun.During));
        // Progress resumes after the fault, behind the healthy run.
        Assert.True(run.Value("train_steps_total", Of.Rank(elsewhere), FaultRun.After) > run.Value("train_steps_total", Of.Rank(elsewhere), FaultRun.During));
        Assert.True(run.Value("train_steps_total", Of.Rank(elsewhere), FaultRun.After) < run.HealthyValue("train_steps_total", Of.Rank(elsewhere), FaultRun.After) - 500);
        // The other job never notices.
        var otherJob = run.Fleet.TrainingJobs.First(j => j != job);
        Assert.Equal(run.HealthyValue("train_steps_total", Of.Rank(otherJob.Ranks[0]), FaultRun.During), run.Value("train_steps_total", Of.Rank(otherJob.Ranks[0]), FaultRun.During));
    }

    [Fact]
    public void Distinguishing_GpusSpinInNcclNotIdleAndReportNoXid()
    {
        var run = new FaultRun("nccl-timeout");
        var job = run.Fleet.TrainingJobs.Single(j => run.Fault.Affected.Contains(j.Id));
        var gpu = job.Ranks[^1].Gpu;

        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(gpu), FaultRun.During), run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(gpu), FaultRun.During));
        Assert.True(run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(gpu), FaultRun.During) > 80);
        Assert.True(run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", Of.Gpu(gpu), FaultRun.During) < 0.01);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_XID_ERRORS", Of.Gpu(gpu), FaultRun.During), run.Value("DCGM_FI_DEV_XID_ERRORS", Of.Gpu(gpu), FaultRun.During));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(gpu), FaultRun.After), run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(gpu), FaultRun.After));
    }

    [Fact]
    public void Logs_WatchdogOnEveryRankTransportErrorsOnlyOnTheBadNode()
    {
        var run = new FaultRun("nccl-timeout");
        var fault = Assert.IsType<NcclTimeout>(run.Fault);
        var node = run.Fleet.Nodes.Single(n => n.Id == fault.Root);
        var job = run.Fleet.TrainingJobs.Single(j => fault.Affected.Contains(j.Id));
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        var watchdog = logs.Where(l => l.Body.Contains("Watchdog caught collective operation timeout", StringComparison.Ordinal)).ToList();
        Assert.All(job.Ranks, r => Assert.Contains(watchdog, l => l.Pod == r.Pod && l.Body.Contains($"[Rank {r.Rank}] ", StringComparison.Ordinal)));
        Assert.All(watchdog, l => Assert.Contains("OpType=ALLREDUCE", l.Body, StringComparison.Ordinal));
        Assert.All(watchdog, l => Assert.Contains("ran for 600000 milliseconds before timing out", l.Body, StringComparison.Ordinal));
        Assert.Equal(NcclTimeout.DefaultWatchdogMs, fault.WatchdogMs);
        Assert.Equal(fault.HangMs + fault.WatchdogMs, watchdog.Min(l => l.TimestampMs));
        var transport = logs.Where(l => l.Body.Contains("NET/IB", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(transport);
        Assert.All(transport, l => Assert.Equal(node, l.Node));
        Assert.All(logs.Where(l => l.Source == LogSource.Container), l => Assert.Equal(l.Pod!.Container, l.Container));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EitherVariant_ChangesOnlyAffectedEntities(bool mtuMismatch)
    {
        var run = Variant(mtuMismatch);
        var changed = run.ChangedEntities(FaultRun.During);

        Assert.NotEmpty(changed);
        Assert.Subset(run.Fault.Affected.ToHashSet(), changed);
        Assert.Contains(run.Fault.Root, changed);
        Assert.Empty(run.ChangedEntities(FaultRun.Before));
    }

    private static InjectedRun Variant(bool mtuMismatch) => new((fleet, window) =>
        Enumerable.Range(0, 64)
            .Select(k => new NcclTimeout(fleet, fleet.Pods[k % 6], window, (ulong)k))
            .First(f => f.MtuMismatch == mtuMismatch));
}
