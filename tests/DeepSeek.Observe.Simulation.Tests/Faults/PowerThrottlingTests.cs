using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class PowerThrottlingTests
{
    [Fact]
    public void Signature_EveryGpuOfTheNodeCappedWithPowerReasonsAndCooler()
    {
        var run = new FaultRun("power-throttling");
        var fault = Assert.IsType<PowerThrottling>(run.Fault);
        var gpus = run.Fleet.Gpus.Where(g => g.Node.Id == fault.Root).ToList();

        Assert.Equal(EntityKind.Node, fault.Root.Kind);
        Assert.InRange(fault.CapWatts, 350, 450);
        Assert.Equal(run.Fleet.Spec.GpusPerNode, gpus.Count);
        foreach (var gpu in gpus.Select(Select.Gpu))
        {
            Assert.InRange(run.Value("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.During), fault.CapWatts - 5, fault.CapWatts + 5);
            Assert.True(run.HealthyValue("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.During) > fault.CapWatts + 100);
            var reasons = (long)run.Value("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", gpu, FaultRun.During);
            Assert.Equal(0x84, reasons);
            // No thermal slowdown bit and cooler than usual: what tells it from thermal throttling.
            Assert.Equal(0, reasons & 0x60);
            Assert.True(run.Value("DCGM_FI_DEV_GPU_TEMP", gpu, FaultRun.During) < run.HealthyValue("DCGM_FI_DEV_GPU_TEMP", gpu, FaultRun.During) - 3);
            Assert.Equal(run.HealthyValue("DCGM_FI_DEV_THERMAL_VIOLATION", gpu, FaultRun.During), run.Value("DCGM_FI_DEV_THERMAL_VIOLATION", gpu, FaultRun.During));
            Assert.True(run.Value("DCGM_FI_DEV_SM_CLOCK", gpu, FaultRun.During) < 1700);
            Assert.True(run.Value("DCGM_FI_DEV_POWER_VIOLATION", gpu, FaultRun.During) > run.HealthyValue("DCGM_FI_DEV_POWER_VIOLATION", gpu, FaultRun.During) + 1e12);
        }

        // A GPU on another node is untouched.
        var elsewhere = Select.Gpu(run.Fleet.Gpus.First(g => g.Node.Id != fault.Root));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_POWER_USAGE", elsewhere, FaultRun.During), run.Value("DCGM_FI_DEV_POWER_USAGE", elsewhere, FaultRun.During));
    }

    [Fact]
    public void Propagation_JobSlowsToTheNodesPace()
    {
        var run = new FaultRun("power-throttling");
        var fault = Assert.IsType<PowerThrottling>(run.Fault);
        var onNode = run.Fleet.Ranks.First(r => r.Pod.Node.Id == fault.Root);
        var offNode = onNode.Job.Ranks.First(r => r.Pod.Node.Id != fault.Root);

        foreach (var rank in new[] { onNode, offNode }.Select(Select.Rank))
        {
            Assert.True(run.Value("train_step_time_seconds", rank, FaultRun.During) > 1.15 * run.HealthyValue("train_step_time_seconds", rank, FaultRun.During));
        }

        // The node's ranks compute longer; the rest wait for them in collectives.
        Assert.Equal(run.HealthyValue("train_collective_time_seconds", Select.Rank(onNode), FaultRun.During), run.Value("train_collective_time_seconds", Select.Rank(onNode), FaultRun.During));
        Assert.True(run.Value("train_collective_time_seconds", Select.Rank(offNode), FaultRun.During) > 1.5 * run.HealthyValue("train_collective_time_seconds", Select.Rank(offNode), FaultRun.During));
        Assert.True(run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", Select.Gpu(onNode.Gpu), FaultRun.During) < run.HealthyValue("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", Select.Gpu(onNode.Gpu), FaultRun.During) / 1.15);
    }

    [Fact]
    public void Recovery_PowerBackViolationTimeStays()
    {
        var run = new FaultRun("power-throttling");
        var gpu = Select.Gpu(run.Fleet.Gpus.First(g => g.Node.Id == run.Fault.Root));
        var rank = Select.Rank(run.Fleet.Ranks.First(r => r.Pod.Node.Id == run.Fault.Root));

        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.After), run.Value("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.After));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", gpu, FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_POWER_VIOLATION", gpu, FaultRun.After) + (2400 * 1e9), run.Value("DCGM_FI_DEV_POWER_VIOLATION", gpu, FaultRun.After));
        Assert.True(run.Value("train_steps_total", rank, FaultRun.After) < run.HealthyValue("train_steps_total", rank, FaultRun.After) - 100);
    }

    [Fact]
    public void Logs_PowerSupplyFailureOnTheNode()
    {
        var run = new FaultRun("power-throttling");
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        Assert.All(logs, l => Assert.True(l.Source == LogSource.Kernel && l.Node.Id == run.Fault.Root));
        Assert.Contains(logs, l => l.Level == Simulation.Faults.LogSeverity.Error && l.Body.Contains("Power Supply", StringComparison.Ordinal) && l.Body.Contains("Failure detected", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Body.Contains("thermal", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(run.Logs(0, FaultRun.FaultStart));
    }
}
