using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class CheckpointUploadFailureTests
{
    [Fact]
    public void Signature_SaveTimeBalloonsAtTheCheckpointForEveryJob()
    {
        var run = new FaultRun("checkpoint-upload-failure");
        var fault = Assert.IsType<CheckpointUploadFailure>(run.Fault);

        Assert.Equal(EntityId.Storage(CheckpointUploadFailure.ObjectStore), fault.Root);
        // The 01:00 checkpoint (step During) is the one written while the store resets connections.
        Assert.Equal(InjectedRun.At(FaultRun.During), Assert.Single(fault.Checkpoints));
        Assert.All(run.Fleet.TrainingJobs, j => Assert.All(j.Ranks, r => Assert.True(
            run.Value("train_checkpoint_save_seconds", Of.Rank(r), FaultRun.During) > 4.5 * run.HealthyValue("train_checkpoint_save_seconds", Of.Rank(r), FaultRun.During))));
    }

    [Fact]
    public void Propagation_StepsStopOnlyWhileTheSaveRetries()
    {
        var run = new FaultRun("checkpoint-upload-failure");
        var fault = Assert.IsType<CheckpointUploadFailure>(run.Fault);
        var rank = run.Fleet.TrainingJobs[1].Ranks[3];
        var saving = FaultRun.During + 4;
        var resumed = InjectedRun.StepAt(fault.Checkpoints[0] + fault.StallMs) + 2;

        // Before the checkpoint the job trains normally, even though the fault has begun.
        var early = FaultRun.FaultStart + 10;
        Assert.Equal(run.HealthyValue("train_steps_total", Of.Rank(rank), early), run.Value("train_steps_total", Of.Rank(rank), early));
        Assert.Equal(run.HealthyValue("train_step_time_seconds", Of.Rank(rank), early), run.Value("train_step_time_seconds", Of.Rank(rank), early));
        // At the checkpoint: no steps, no tokens, until the upload finally succeeds.
        Assert.Equal(run.Value("train_steps_total", Of.Rank(rank), FaultRun.During), run.Value("train_steps_total", Of.Rank(rank), saving));
        Assert.Equal(0, run.Value("train_tokens_per_second", Of.Rank(rank), saving));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), resumed) > run.Value("train_steps_total", Of.Rank(rank), saving));
        Assert.Equal(run.HealthyValue("train_tokens_per_second", Of.Rank(rank), resumed), run.Value("train_tokens_per_second", Of.Rank(rank), resumed));
    }

    [Fact]
    public void Distinguishing_DataLoadersAndGpusUntouched()
    {
        var run = new FaultRun("checkpoint-upload-failure");

        Assert.All(run.Changed(FaultRun.During + 4), i => Assert.True(run.Series[i].Kind.IsRank()));
        Assert.All(run.Changed(FaultRun.During + 4), i => Assert.NotEqual(SignalKind.TrainDataLoaderWait, run.Series[i].Kind));
    }

    [Fact]
    public void Logs_ConnectionResetRetriesFromEveryPodAtTheCheckpoint()
    {
        var run = new FaultRun("checkpoint-upload-failure");
        var fault = Assert.IsType<CheckpointUploadFailure>(run.Fault);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        var resets = logs.Where(l => l.Body.Contains("Connection reset by peer", StringComparison.Ordinal)).ToList();

        Assert.All(run.Fleet.TrainingJobs.SelectMany(j => j.Pods), p => Assert.Contains(resets, l => l.Pod == p && l.Container == p.Container));
        Assert.All(resets, l => Assert.InRange(l.TimestampMs, fault.Checkpoints[0], fault.Checkpoints[0] + fault.StallMs));
        Assert.Contains(logs, l => l.Body.Contains("after retries", StringComparison.Ordinal));
    }

    [Fact]
    public void Recovery_NextCheckpointHealthy()
    {
        var run = new FaultRun("checkpoint-upload-failure");
        var rank = run.Fleet.Ranks[0];

        // After is 01:40: the 01:30 checkpoint saved normally.
        Assert.Equal(run.HealthyValue("train_checkpoint_save_seconds", Of.Rank(rank), FaultRun.After), run.Value("train_checkpoint_save_seconds", Of.Rank(rank), FaultRun.After));
        Assert.True(run.Value("train_steps_total", Of.Rank(rank), FaultRun.After) < run.HealthyValue("train_steps_total", Of.Rank(rank), FaultRun.After));
    }
}
