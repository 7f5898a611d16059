using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

public class LossNaNTests
{
    [Fact]
    public void Signature_LossScaleHalvesToOneThenLossIsNaNOnEveryRank()
    {
        var run = new FaultRun("loss-nan");
        var fault = Assert.IsType<LossNaN>(run.Fault);
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == fault.Root);
        var rank = job.Ranks[0];
        var scale = run.HealthyValue("train_loss_scale", Of.Rank(rank), FaultRun.FaultStart);

        Assert.Equal(EntityKind.TrainJob, fault.Root.Kind);
        Assert.Equal(scale / 2, run.Value("train_loss_scale", Of.Rank(rank), FaultRun.FaultStart));
        Assert.Equal(scale / 4, run.Value("train_loss_scale", Of.Rank(rank), FaultRun.FaultStart + 2));
        Assert.True(run.Value("train_grad_norm", Of.Rank(rank), InjectedRun.StepAt(fault.CollapsedMs) - 2) > 100 * run.HealthyValue("train_grad_norm", Of.Rank(rank), FaultRun.FaultStart));
        Assert.All(job.Ranks, r =>
        {
            Assert.Equal(1, run.Value("train_loss_scale", Of.Rank(r), FaultRun.During));
            Assert.True(double.IsNaN(run.Value("train_loss", Of.Rank(r), FaultRun.During)));
            Assert.True(double.IsNaN(run.Value("train_grad_norm", Of.Rank(r), FaultRun.During)));
            // A computed NaN, never the simulator's "absent" marker: the series is still reported.
            Assert.False(SimulatedValue.IsAbsent(run.Value("train_loss", Of.Rank(r), FaultRun.During)));
        });
    }

    [Fact]
    public void Distinguishing_HardwareAndProgressHealthy()
    {
        var run = new FaultRun("loss-nan");
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root);
        var other = run.Fleet.TrainingJobs.First(j => j != job);

        // Only framework metrics of the job change: no GPU, pod or node series; steps keep counting at the healthy pace.
        Assert.All(run.Changed(FaultRun.During), i => Assert.True(run.Series[i].Kind.IsRank() && run.Fleet.Ranks[run.Series[i].Entity].Job == job));
        Assert.Equal(run.HealthyValue("train_steps_total", Of.Rank(job.Ranks[0]), FaultRun.During), run.Value("train_steps_total", Of.Rank(job.Ranks[0]), FaultRun.During));
        Assert.Equal(run.HealthyValue("train_loss", Of.Rank(other.Ranks[0]), FaultRun.During), run.Value("train_loss", Of.Rank(other.Ranks[0]), FaultRun.During));
    }

    [Fact]
    public void Logs_OverflowAtEveryHalvingThenLossIsNaN()
    {
        var run = new FaultRun("loss-nan");
        var fault = Assert.IsType<LossNaN>(run.Fault);
        var job = run.Fleet.TrainingJobs.Single(j => j.Id == fault.Root);
        var logs = run.Logs(FaultRun.FaultStart, FaultRun.FaultEnd);
        var halvings = (int)Math.Log2(run.HealthyValue("train_loss_scale", Of.Rank(job.Ranks[0]), FaultRun.FaultStart));

        var overflows = logs.Where(l => l.Body.Contains("Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to", StringComparison.Ordinal)).ToList();
        Assert.Equal(halvings * job.Pods.Count, overflows.Count);
        Assert.Contains(overflows, l => l.Body.EndsWith("reducing loss scale to 1.0", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Body.Contains("loss is NaN", StringComparison.Ordinal) && l.TimestampMs == fault.CollapsedMs);
        Assert.All(logs, l => Assert.Equal(LogSource.Container, l.Source));
    }

    [Fact]
    public void Recovery_LossAndScaleHealthyAfterTheFault()
    {
        var run = new FaultRun("loss-nan");
        var rank = run.Fleet.TrainingJobs.Single(j => j.Id == run.Fault.Root).Ranks[^1];

        Assert.Equal(run.HealthyValue("train_loss", Of.Rank(rank), FaultRun.After), run.Value("train_loss", Of.Rank(rank), FaultRun.After));
        Assert.Equal(run.HealthyValue("train_loss_scale", Of.Rank(rank), FaultRun.After), run.Value("train_loss_scale", Of.Rank(rank), FaultRun.After));
    }
}
