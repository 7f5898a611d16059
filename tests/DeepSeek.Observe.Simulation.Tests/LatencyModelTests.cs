namespace DeepSeek.Observe.Simulation.Tests;

/// <summary>
/// A healthy deployment's latency as the L3 rule InferenceP99LatencyHigh (P99 &gt; 1 s for 5 m) and the L2 rule
/// InferenceLatencyAboveBaseline (P99 &gt; 1.3 × its day-long average) see it: well under the objective all day, and
/// moving with the daily traffic by less than the baseline rule's margin.
/// </summary>
public class LatencyModelTests
{
    private const long StartMs = 1_767_225_600_000;
    private const long StepMs = 15_000;

    [Fact]
    public void HealthyDeployments_P99UnderObjectiveAllDayAndFollowsTraffic()
    {
        var fleet = Fleet.Build(new FleetSpec(16, 8, 2, 6, Seed: 11));
        var generator = new FleetGenerator(new SeriesCatalog(fleet), new SimulationTime(StartMs, StepMs));

        foreach (var deployment in fleet.Deployments)
        {
            // Every half hour of a day: the P99 and the median the recording rules would see.
            var hours = Enumerable.Range(1, 48).Select(h => h * 120L).ToList();
            var p99 = hours.Select(step => HistogramQuantile.OverFiveMinutes(generator, deployment.Pods, 0.99, step)).ToList();
            var p50 = hours.Select(step => HistogramQuantile.OverFiveMinutes(generator, deployment.Pods, 0.5, step)).ToList();

            Assert.All(p99, v => Assert.InRange(v, 0.4, 0.8));
            Assert.All(p50, v => Assert.InRange(v, 0.12, 0.3));
            // Busier hours are slower (the median shows it; the P99 of the fastest deployments hides in one bucket), but
            // never 30 % over the day's average (the L2 baseline rule's margin).
            Assert.True(p50.Max() > 1.04 * p50.Min(), $"{deployment.Name}: median flat at {p50.Min():0.000}");
            Assert.True(p99.Max() < 1.2 * p99.Average(), $"{deployment.Name}: P99 peaks at {p99.Max():0.000} against a {p99.Average():0.000} average");
        }
    }

    [Fact]
    public void HealthyCounters_NeverDecreaseOverADay()
    {
        var fleet = Fleet.Build(new FleetSpec(4, 8, 1, 2, Seed: 5));
        var generator = new FleetGenerator(new SeriesCatalog(fleet), new SimulationTime(StartMs, StepMs));
        var counters = Enumerable.Range(0, generator.Catalog.Count)
            .Where(i => generator.Catalog.Series[i].Kind is SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencySum or SignalKind.InferenceLatencyCount)
            .ToList();

        foreach (var i in counters)
        {
            var last = 0.0;
            for (long step = 0; step < 86_400_000 / StepMs; step++)
            {
                var value = generator.ValueAt(i, step);
                Assert.True(value >= last, $"{generator.Catalog.Series[i].Labels} fell from {last} to {value} at step {step}");
                last = value;
            }
        }
    }
}
