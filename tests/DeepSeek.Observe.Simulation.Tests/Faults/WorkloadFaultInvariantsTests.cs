namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>What the Kubernetes and inference faults bend must still read as a scraper would see it: counters that never fall, cumulative histograms.</summary>
public class WorkloadFaultInvariantsTests
{
    public static TheoryData<string> Scenarios() => ["container-oom-killed", "crash-loop", "quota-exceeded", "inference-overload", "bad-deploy"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Fault_CountersNeverDecreaseAndBucketsStayCumulative(string scenario)
    {
        var run = new FaultRun(scenario);
        var touched = Enumerable.Range(0, run.Series.Length).Where(i => run.Fault.Affects(in run.Series[i])).ToList();
        var counters = touched.Where(i => IsCounter(run.Series[i].Kind)).ToList();
        var buckets = touched.Where(i => run.Series[i].Kind == SignalKind.InferenceLatencyBucket).GroupBy(i => run.Series[i].Entity).ToList();
        Assert.NotEmpty(counters);

        var last = counters.ToDictionary(i => i, _ => double.MinValue);
        for (long step = FaultRun.FaultStart - 2; step <= FaultRun.After; step++)
        {
            foreach (var i in counters)
            {
                var value = run.Generator.ValueAt(i, step);
                if (double.IsNaN(value))
                {
                    continue;
                }

                Assert.True(value >= last[i], $"{run.Series[i].Labels} fell from {last[i]} to {value} at step {step}");
                last[i] = value;
            }

            foreach (var pod in buckets)
            {
                var values = pod.OrderBy(i => run.Series[i].Parameter).Select(i => run.Generator.ValueAt(i, step)).ToList();
                Assert.Equal(values.Order(), values);
            }
        }
    }

    private static bool IsCounter(SignalKind kind) => kind is SignalKind.InferenceRequests or SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencySum
        or SignalKind.InferenceLatencyCount or SignalKind.PodRestarts or SignalKind.PodCfsPeriods or SignalKind.PodCfsThrottled or SignalKind.TrainSteps
        or SignalKind.GpuEnergy or SignalKind.GpuNvlinkBandwidth;
}
