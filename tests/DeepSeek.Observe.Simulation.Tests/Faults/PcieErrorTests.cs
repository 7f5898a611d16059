using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class PcieErrorTests
{
    [Fact]
    public void Signature_ReplaysClimbHostTransfersCrawlNoXid()
    {
        var run = new FaultRun("pcie-error");
        var gpu = Select.Gpu(run.Fault.Root);

        Assert.Equal(EntityKind.Gpu, run.Fault.Root.Kind);
        Assert.True(run.Value("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.During) >= run.HealthyValue("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.During) + (150 * 1200));
        Assert.True(run.Value("DCGM_FI_DEV_MEM_COPY_UTIL", gpu, FaultRun.During) < 0.6 * run.HealthyValue("DCGM_FI_DEV_MEM_COPY_UTIL", gpu, FaultRun.During));
        Assert.True(run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", gpu, FaultRun.During) < run.HealthyValue("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", gpu, FaultRun.During) / 1.15);
        // Neither an XID nor NVLink errors: what tells it from an NVLink fault.
        Assert.Equal(0, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.During));
        foreach (var counter in new[] { "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL" })
        {
            Assert.Equal(run.HealthyValue(counter, gpu, FaultRun.During), run.Value(counter, gpu, FaultRun.During));
        }
    }

    [Fact]
    public void Propagation_OnlyItsRankIsSlowTheOthersWait()
    {
        var run = new FaultRun("pcie-error");
        var slow = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);
        var other = slow.Job.Ranks.First(r => r != slow);

        foreach (var rank in new[] { slow, other }.Select(Select.Rank))
        {
            Assert.True(run.Value("train_step_time_seconds", rank, FaultRun.During) > 1.15 * run.HealthyValue("train_step_time_seconds", rank, FaultRun.During));
        }

        Assert.Equal(run.HealthyValue("train_collective_time_seconds", Select.Rank(slow), FaultRun.During), run.Value("train_collective_time_seconds", Select.Rank(slow), FaultRun.During));
        Assert.True(run.Value("train_collective_time_seconds", Select.Rank(other), FaultRun.During) > 1.5 * run.HealthyValue("train_collective_time_seconds", Select.Rank(other), FaultRun.During));
        // The other ranks' GPUs report nothing wrong.
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", Select.Gpu(other.Gpu), FaultRun.During), run.Value("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", Select.Gpu(other.Gpu), FaultRun.During));
    }

    [Fact]
    public void Recovery_TransfersBackReplaysStay()
    {
        var run = new FaultRun("pcie-error");
        var gpu = Select.Gpu(run.Fault.Root);

        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_MEM_COPY_UTIL", gpu, FaultRun.After), run.Value("DCGM_FI_DEV_MEM_COPY_UTIL", gpu, FaultRun.After));
        Assert.Equal(run.Value("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.FaultEnd), run.Value("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.After));
        Assert.True(run.Value("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.After) >= run.HealthyValue("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", gpu, FaultRun.After) + (150 * 2400));
    }

    [Fact]
    public void Logs_CorrectedAerErrorsForTheDevice()
    {
        var run = new FaultRun("pcie-error");
        var gpu = run.Fleet.Gpus.Single(g => g.Id == run.Fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        Assert.All(logs, l => Assert.True(l.Source == LogSource.Kernel && l.Node == gpu.Node));
        Assert.Equal(40, logs.Count(l => l.Body == $"nvidia {gpu.PciBusId[4..].ToLowerInvariant()}: PCIe Bus Error: severity=Corrected, type=Data Link Layer, (Receiver ID)"));
        Assert.DoesNotContain(logs, l => l.Body.Contains("Xid", StringComparison.Ordinal));
        Assert.Empty(run.Logs(0, FaultRun.FaultStart));
    }
}
