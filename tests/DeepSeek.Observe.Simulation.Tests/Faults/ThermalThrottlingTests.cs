using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class ThermalThrottlingTests
{
    [Fact]
    public void Signature_HotGpuClocksDownWithThermalReasons()
    {
        var run = new FaultRun("thermal-throttling");
        var gpu = run.Fault.Root;
        bool OnGpu(LabelSet l) => l["Hostname"] == gpu.Segments[0] && l["gpu"] == gpu.Segments[1];

        Assert.Equal(EntityKind.Gpu, gpu.Kind);
        Assert.InRange(run.Value("DCGM_FI_DEV_GPU_TEMP", OnGpu, FaultRun.During), 86, 95);
        Assert.True(run.HealthyValue("DCGM_FI_DEV_GPU_TEMP", OnGpu, FaultRun.During) < 80);
        Assert.True(run.Value("DCGM_FI_DEV_SM_CLOCK", OnGpu, FaultRun.During) < 1700);
        Assert.Equal(0x60, run.Value("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", OnGpu, FaultRun.During));
        Assert.True(run.Value("DCGM_FI_DEV_THERMAL_VIOLATION", OnGpu, FaultRun.During) > run.Value("DCGM_FI_DEV_THERMAL_VIOLATION", OnGpu, FaultRun.Before) + 1e11);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_TEMP", OnGpu, FaultRun.After), run.Value("DCGM_FI_DEV_GPU_TEMP", OnGpu, FaultRun.After));
        Assert.Contains(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Source == Simulation.Faults.LogSource.Kernel && l.Body.Contains("thermal", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Propagation_WholeJobSlowsButOnlyTheHotRankComputesLonger()
    {
        var run = new FaultRun("thermal-throttling");
        var hot = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);
        var other = hot.Job.Ranks.First(r => r != hot);
        bool Rank(LabelSet l, Simulation.TrainingRank r) => l["train_job"] == r.Job.Name && l["rank"] == r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var rank in new[] { hot, other })
        {
            Assert.True(run.Value("train_step_time_seconds", l => Rank(l, rank), FaultRun.During) > 1.2 * run.HealthyValue("train_step_time_seconds", l => Rank(l, rank), FaultRun.During));
        }

        // Others wait for the hot rank in collectives; the hot rank itself does not wait.
        Assert.True(run.Value("train_collective_time_seconds", l => Rank(l, other), FaultRun.During) > 1.5 * run.HealthyValue("train_collective_time_seconds", l => Rank(l, other), FaultRun.During));
        Assert.Equal(run.HealthyValue("train_collective_time_seconds", l => Rank(l, hot), FaultRun.During), run.Value("train_collective_time_seconds", l => Rank(l, hot), FaultRun.During));
        // The job falls behind and stays behind.
        Assert.True(run.Value("train_steps_total", l => Rank(l, other), FaultRun.After) < run.HealthyValue("train_steps_total", l => Rank(l, other), FaultRun.After) - 100);
    }
}
