namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>CounterPhases through the faults that use it: a step counter slowed, frozen and resumed more than once.</summary>
public class CounterPhasesTests
{
    [Theory]
    [InlineData("nccl-timeout")]
    [InlineData("cuda-out-of-memory")]
    [InlineData("checkpoint-upload-failure")]
    [InlineData("sidecar-interference")]
    public void Scale_StepCounterNeverDecreasesAndIsHealthyBeforeTheFault(string scenario)
    {
        var run = new FaultRun(scenario);
        var index = run.Index("train_steps_total", l => l["rank"] == "0" && run.Fault.Affected.Any(e => e.Value == $"train_job/{l["train_job"]}"));
        var previous = double.MinValue;

        for (var step = 0L; step < 480; step++)
        {
            var value = run.Generator.ValueAt(index, step);
            Assert.True(value >= previous, $"{scenario}: step {step} went from {previous} to {value}");
            if (step < FaultRun.FaultStart)
            {
                Assert.Equal(run.Healthy.ValueAt(index, step), value);
            }

            previous = value;
        }

        // After the fault the counter grows at the healthy rate again, from wherever the fault left it.
        Assert.Equal(
            run.Healthy.ValueAt(index, FaultRun.After + 40) - run.Healthy.ValueAt(index, FaultRun.After),
            run.Generator.ValueAt(index, FaultRun.After + 40) - run.Generator.ValueAt(index, FaultRun.After),
            1);
    }
}
