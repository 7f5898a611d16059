using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class StorageStallTests
{
    [Fact]
    public void Signature_DataLoadersOfEveryJobWaitAtOnce()
    {
        var run = new FaultRun("storage-stall");

        Assert.Equal(EntityId.Storage(StorageStall.FileSystem), run.Fault.Root);
        Assert.All(run.Fleet.TrainingJobs, j => Assert.Contains(j.Id, run.Fault.Affected));
        // Many ranks across all jobs: every one of them waits far longer than a healthy loader's few milliseconds.
        Assert.All(run.Fleet.Ranks, r => Assert.True(
            run.Value("train_dataloader_wait_seconds", Of.Rank(r), FaultRun.During) > 20 * run.HealthyValue("train_dataloader_wait_seconds", Of.Rank(r), FaultRun.During),
            $"rank {r.Rank} of {r.Job.Name}"));
        Assert.All(run.Fleet.Ranks, r => Assert.True(run.Value("train_step_time_seconds", Of.Rank(r), FaultRun.During) > 1.9 * run.HealthyValue("train_step_time_seconds", Of.Rank(r), FaultRun.During)));
    }

    [Fact]
    public void Propagation_GpusStarveAndCheckpointsSlow()
    {
        var run = new FaultRun("storage-stall");

        Assert.All(run.Fleet.Ranks, r => Assert.True(run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(r.Gpu), FaultRun.During) < 0.55 * run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(r.Gpu), FaultRun.During)));
        Assert.All(run.Fleet.Ranks, r => Assert.True(run.Value("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", Of.Gpu(r.Gpu), FaultRun.During) < 0.55 * run.HealthyValue("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", Of.Gpu(r.Gpu), FaultRun.During)));
        // During is 01:00, the half-hour checkpoint, written while the file system stalls.
        Assert.All(run.Fleet.TrainingJobs, j => Assert.True(run.Value("train_checkpoint_save_seconds", Of.Rank(j.Ranks[0]), FaultRun.During) > 2.9 * run.HealthyValue("train_checkpoint_save_seconds", Of.Rank(j.Ranks[0]), FaultRun.During)));
        // Ranks whose batch came sooner wait for the slowest in the all-reduce: waiting for data plus waiting for peers is the same everywhere.
        var stall = Assert.IsType<StorageStall>(run.Fault);
        var job = run.Fleet.TrainingJobs[0];
        Assert.All(job.Ranks, r => Assert.InRange(
            run.Value("train_dataloader_wait_seconds", Of.Rank(r), FaultRun.During) + run.Value("train_collective_time_seconds", Of.Rank(r), FaultRun.During)
                - run.HealthyValue("train_collective_time_seconds", Of.Rank(r), FaultRun.During),
            0.9 * stall.ExtraSeconds(job), (1.1 * stall.ExtraSeconds(job)) + 0.05));
    }

    [Fact]
    public void Distinguishing_NoHardwareOrNetworkErrors()
    {
        var run = new FaultRun("storage-stall");
        var allowed = new[] { SignalKind.GpuUtil, SignalKind.GpuTensorActive, SignalKind.GpuGrEngineActive, SignalKind.GpuPower };

        Assert.All(run.Changed(FaultRun.During), i => Assert.True(run.Series[i].Kind.IsRank() || allowed.Contains(run.Series[i].Kind), run.Series[i].Labels.ToString()));
        Assert.DoesNotContain(run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd), l => l.Body.Contains("NCCL", StringComparison.Ordinal) || l.Body.Contains("Xid", StringComparison.Ordinal));
    }

    [Fact]
    public void Logs_EveryTrainingNodeReportsTheMetadataServer()
    {
        var run = new FaultRun("storage-stall");
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd + 1);
        var nodes = run.Fleet.TrainingJobs.SelectMany(j => j.Pods).Select(p => p.Node).ToList();

        Assert.All(nodes, n => Assert.Contains(logs, l => l.Node == n && l.Source == LogSource.Kernel && l.Body.Contains("blocked for more than 120 seconds", StringComparison.Ordinal)));
        Assert.All(nodes, n => Assert.Contains(logs, l => l.Node == n && l.Body.Contains("Connection to shared-fs-MDT0000", StringComparison.Ordinal)));
        Assert.All(nodes, n => Assert.Contains(logs, l => l.Node == n && l.Body.Contains("Connection restored", StringComparison.Ordinal)));
        Assert.Contains(logs, l => l.Source == LogSource.Container && l.Body.Contains("data loader starved", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => run.Fleet.Deployments.Any(d => d.Pods.Contains(l.Pod)));
    }

    [Fact]
    public void Recovery_HealthyAfterwardsButBehind()
    {
        var run = new FaultRun("storage-stall");
        var rank = run.Fleet.Ranks[^1];

        Assert.Equal(run.HealthyValue("train_dataloader_wait_seconds", Of.Rank(rank), FaultRun.After), run.Value("train_dataloader_wait_seconds", Of.Rank(rank), FaultRun.After));
        Assert.Equal(run.HealthyValue("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After), run.Value("DCGM_FI_DEV_GPU_UTIL", Of.Gpu(rank.Gpu), FaultRun.After));
        Assert.Equal(run.HealthyValue("train_checkpoint_save_seconds", Of.Rank(rank), FaultRun.After), run.Value("train_checkpoint_save_seconds", Of.Rank(rank), FaultRun.After));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), FaultRun.After) < run.HealthyValue("train_steps_total", Of.Rank(rank), FaultRun.After) - 100);
    }
}
