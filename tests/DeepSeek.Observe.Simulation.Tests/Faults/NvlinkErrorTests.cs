using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class NvlinkErrorTests
{
    // Twenty minutes of the fault, in seconds.
    private static double Elapsed => (FaultRun.During - FaultRun.FaultStart) * FaultRun.StepMs / 1000.0;

    [Fact]
    public void Signature_NvlinkCountersClimbWithXid74AndBandwidthFalls()
    {
        var run = new FaultRun("nvlink-error");
        var gpu = Select.Gpu(run.Fault.Root);
        double Grew(string metric) => run.Value(metric, gpu, FaultRun.During) - run.HealthyValue(metric, gpu, FaultRun.During);

        Assert.Equal(EntityKind.Gpu, run.Fault.Root.Kind);
        Assert.True(Grew("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL") >= 30 * Elapsed);
        Assert.True(Grew("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL") > 0);
        Assert.True(Grew("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL") >= 20 * Elapsed);
        Assert.Equal(6, Grew("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL"));
        Assert.Equal(74, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.During));
        var moved = run.Value("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", gpu, FaultRun.During) - run.Value("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", gpu, FaultRun.FaultStart);
        var usual = run.HealthyValue("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", gpu, FaultRun.During) - run.HealthyValue("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", gpu, FaultRun.FaultStart);
        Assert.InRange(moved / usual, 0.4, 0.5);
        // Not PCIe: the replay counter there does not move.
        Assert.Equal(0, Grew("DCGM_FI_DEV_PCIE_REPLAY_COUNTER"));
    }

    [Fact]
    public void Propagation_EveryRankWaitsLongerInCollectives()
    {
        var run = new FaultRun("nvlink-error");
        var faulty = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);

        // Unlike a straggler or a PCIe fault, the rank on the faulty GPU waits too: the collectives are what is slow.
        foreach (var rank in faulty.Job.Ranks.Where((_, i) => i % 5 == 0).Append(faulty).Select(Select.Rank))
        {
            Assert.True(run.Value("train_collective_time_seconds", rank, FaultRun.During) > 1.5 * run.HealthyValue("train_collective_time_seconds", rank, FaultRun.During));
            Assert.True(run.Value("train_step_time_seconds", rank, FaultRun.During) > 1.15 * run.HealthyValue("train_step_time_seconds", rank, FaultRun.During));
        }

        var other = run.Fleet.TrainingJobs.Single(j => j != faulty.Job).Ranks[0];
        Assert.Equal(run.HealthyValue("train_step_time_seconds", Select.Rank(other), FaultRun.During), run.Value("train_step_time_seconds", Select.Rank(other), FaultRun.During));
    }

    [Fact]
    public void Recovery_XidClearsErrorCountsStay()
    {
        var run = new FaultRun("nvlink-error");
        var gpu = Select.Gpu(run.Fault.Root);

        Assert.Equal(0, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", gpu, FaultRun.After), run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", gpu, FaultRun.After));
        Assert.True(run.Value("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", gpu, FaultRun.After) >= run.HealthyValue("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", gpu, FaultRun.After) + (30 * 2400));
        Assert.Equal(run.Value("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", gpu, FaultRun.FaultEnd), run.Value("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", gpu, FaultRun.After));
    }

    [Fact]
    public void Logs_Xid74OnEveryLinkRecovery()
    {
        var run = new FaultRun("nvlink-error");
        var gpu = run.Fleet.Gpus.Single(g => g.Id == run.Fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        Assert.Equal(10, logs.Count);
        Assert.All(logs, l =>
        {
            Assert.Equal(LogSource.Kernel, l.Source);
            Assert.Matches(new Regex($@"^NVRM: Xid \(PCI:{gpu.PciBusId[4..^2]}\): 74, pid=\d+, name=\S+, NVLink: "), l.Body);
        });
    }
}
