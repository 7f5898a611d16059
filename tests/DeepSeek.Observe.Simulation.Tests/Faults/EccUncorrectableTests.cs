using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class EccUncorrectableTests
{
    // Half a minute in: the process is dead and the job is down; four and a half minutes in it is still reloading.
    private static long Crashed => FaultRun.FaultStart + 2;
    private static long Reloading => FaultRun.FaultStart + 18;

    [Fact]
    public void Signature_EccCountersAndXidOnAGpuThatStaysReachable()
    {
        var run = new FaultRun("ecc-uncorrectable");
        var fault = Assert.IsType<EccUncorrectable>(run.Fault);
        var gpu = Select.Gpu(fault.Root);

        Assert.Equal(EntityKind.Gpu, fault.Root.Kind);
        Assert.True(fault.Xid is 94 or 95);
        Assert.Equal(fault.Xid, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.During));
        Assert.InRange(fault.DoubleBitErrors, 1, 3);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", gpu, FaultRun.During) + fault.DoubleBitErrors, run.Value("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", gpu, FaultRun.During));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", gpu, FaultRun.During) + (fault.RemapFailed ? 0 : 1), run.Value("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", gpu, FaultRun.During));
        Assert.Equal(fault.RemapFailed ? 1 : 0, run.Value("DCGM_FI_DEV_ROW_REMAP_FAILURE", gpu, FaultRun.During));

        // Killed process, idle GPU; then, unlike a GPU off the bus, busy again once the job is back.
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", gpu, Crashed));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.During), run.Value("DCGM_FI_DEV_GPU_UTIL", gpu, FaultRun.During));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.During), run.Value("DCGM_FI_DEV_POWER_USAGE", gpu, FaultRun.During));
        Assert.NotEqual(79, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, Crashed));
    }

    [Fact]
    public void Propagation_JobCrashesAtOnceRestartsAndResumes()
    {
        var run = new FaultRun("ecc-uncorrectable");
        var failed = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root);
        var peer = failed.Job.Ranks.First(r => r.Pod != failed.Pod);
        var steps = Select.Rank(peer);

        // Down at once (no ten-minute watchdog wait): the peers' GPUs idle and progress stops.
        Assert.Equal(0, run.Value("DCGM_FI_DEV_GPU_UTIL", Select.Gpu(peer.Gpu), Crashed));
        Assert.Equal(run.Value("train_steps_total", steps, FaultRun.FaultStart), run.Value("train_steps_total", steps, Reloading));
        foreach (var pod in failed.Job.Pods)
        {
            var of = Select.Pod(pod);
            Assert.Equal(run.HealthyValue("kube_pod_container_status_restarts_total", of, Reloading) + 1, run.Value("kube_pod_container_status_restarts_total", of, Reloading));
            Assert.Equal(1, run.Value(GpuFaultEffects.LastTerminatedReason, Select.Terminated(pod, "Error"), Reloading));
        }

        // Back to full speed, minus the five minutes lost.
        var resumed = run.Value("train_steps_total", steps, FaultRun.During) - run.Value("train_steps_total", steps, FaultRun.FaultStart + 24);
        var healthy = run.HealthyValue("train_steps_total", steps, FaultRun.During) - run.HealthyValue("train_steps_total", steps, FaultRun.FaultStart + 24);
        Assert.InRange(resumed, healthy - 1, healthy + 1);
        Assert.True(run.Value("train_steps_total", steps, FaultRun.During) < run.HealthyValue("train_steps_total", steps, FaultRun.During) - 20);
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Select.Gpu(peer.Gpu), FaultRun.During), run.Value("DCGM_FI_DEV_GPU_UTIL", Select.Gpu(peer.Gpu), FaultRun.During));
    }

    [Fact]
    public void Recovery_XidClearsEccCountsStay()
    {
        var run = new FaultRun("ecc-uncorrectable");
        var fault = Assert.IsType<EccUncorrectable>(run.Fault);
        var gpu = Select.Gpu(fault.Root);

        Assert.Equal(0, run.Value("DCGM_FI_DEV_XID_ERRORS", gpu, FaultRun.After));
        Assert.Equal(0, run.Value("DCGM_FI_DEV_ROW_REMAP_FAILURE", gpu, FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", gpu, FaultRun.After) + fault.DoubleBitErrors, run.Value("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", gpu, FaultRun.After));
    }

    [Fact]
    public void Logs_DbeAndContainmentXidsCudaErrorOnTheRankNcclErrorsOnThePeers()
    {
        var run = new FaultRun("ecc-uncorrectable");
        var fault = Assert.IsType<EccUncorrectable>(run.Fault);
        var failed = run.Fleet.Ranks.Single(r => r.Gpu.Id == fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);

        var xids = logs.Where(l => l.Source == LogSource.Kernel).Select(l => Regex.Match(l.Body, @"^NVRM: Xid \(PCI:0000:[0-9A-F]{2}:00\): (\d+), pid=\d+, name=\S+, ")).ToList();
        Assert.All(xids, m => Assert.True(m.Success));
        Assert.Equal([48, fault.RemapFailed ? 64 : 63, fault.Xid], xids.Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(logs, l => l.Pod == failed.Pod && l.Body.Contains("uncorrectable ECC error encountered", StringComparison.Ordinal));
        Assert.Equal(failed.Job.Ranks.Count - 1, logs.Count(l => l.Source == LogSource.Container && l.Body.Contains("remote process exited", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs, l => l.Body.Contains("Watchdog caught", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Source == LogSource.Kubernetes && l.Body.Contains("is restarting", StringComparison.Ordinal));
    }
}
