using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests;

/// <summary>Harmless things a healthy fleet does: one-sample temperature blips, short 429 bursts, routine rollouts.</summary>
public class RoutineEventsTests
{
    private const long StartMs = 1_767_225_600_000;
    private const long StepMs = 15_000;
    private const long StepsPerDay = 86_400_000 / StepMs;

    [Fact]
    public void TemperatureBlips_SingleSamplesAboutTwiceADayPerGpu()
    {
        var generator = Generator(seed: 3);
        var temps = Indices(generator, s => s.Labels.MetricName == "DCGM_FI_DEV_GPU_TEMP");
        var blips = 0;
        foreach (var series in temps)
        {
            var values = Enumerable.Range(0, (int)StepsPerDay).Select(step => generator.ValueAt(series, step)).ToArray();
            for (var step = 1; step < values.Length - 1; step++)
            {
                if (values[step] - values[step - 1] >= 7 && values[step] - values[step + 1] >= 7)
                {
                    blips++;
                }

                // Never two hot samples in a row: a blip is one scrape, not a trend (what ThermalThrottling shows).
                Assert.False(values[step] - values[step - 1] >= 7 && values[step + 1] - values[step - 1] >= 7, $"a blip lasted more than a step at {step}");
            }
        }

        Assert.InRange(blips, temps.Count, 4 * temps.Count);
        Assert.Equal(Generator(seed: 3).ValueAt(temps[0], 1234), generator.ValueAt(temps[0], 1234));
    }

    [Fact]
    public void ShedBursts_AMinuteOf429sCountedEverywhereAndNeverDecreasing()
    {
        var generator = Generator(seed: 3);
        var pod = generator.Catalog.Fleet.Deployments[0].Pods[0];
        int Of(string metric, string label = "", string value = "") =>
            Indices(generator, s => s.Labels.MetricName == metric && s.Labels["pod"] == pod.Name && (label.Length == 0 || s.Labels[label] == value))[0];
        var shed = Of("inference_requests_total", "code", "429");
        var ok = Of("inference_requests_total", "code", "200");
        var failed = Of("inference_requests_total", "code", "500");
        var count = Of("inference_request_duration_seconds_count");
        var fastest = Of("inference_request_duration_seconds_bucket", "le", "0.05");

        var burstSteps = new List<long>();
        for (long step = 1; step < StepsPerDay; step++)
        {
            var grew = generator.ValueAt(shed, step) - generator.ValueAt(shed, step - 1);
            Assert.True(grew >= 0);
            if (grew > 50)
            {
                burstSteps.Add(step);
                // Shed requests are answered at once: in the count and in the fastest bucket as well.
                var all = generator.ValueAt(ok, step) + generator.ValueAt(shed, step) + generator.ValueAt(failed, step);
                Assert.Equal(generator.ValueAt(count, step), all, 3.0);
                Assert.True(generator.ValueAt(fastest, step) - generator.ValueAt(fastest, step - 1) >= grew - 1);
            }
        }

        // Four one-minute bursts a day: each spans at most five 15 s steps.
        var bursts = burstSteps.Where((s, i) => i == 0 || burstSteps[i - 1] != s - 1).Count();
        Assert.InRange(bursts, 3, 5);
        Assert.InRange(burstSteps.Count, bursts, 5 * bursts);
    }

    [Fact]
    public void RoutineRollout_MovesGenerationAndVersionWithoutRegression()
    {
        var (generator, deployment, rolloutMs) = Enumerable.Range(1, 40)
            .Select(seed => Generator((ulong)seed))
            .SelectMany(g => g.Catalog.Fleet.Deployments.Select(d => (Generator: g, Deployment: d, Rollout: g.RoutineRolloutMs(d.Index))))
            .First(x => x.Rollout is not null);
        var rollout = (rolloutMs!.Value - StartMs) / StepMs;
        var pod = deployment.Pods[^1];
        int Of(string metric, Func<LabelSet, bool> where) => Indices(generator, s => s.Labels.MetricName == metric && where(s.Labels))[0];
        var generation = Of("kube_deployment_metadata_generation", l => l["deployment"] == deployment.Name);
        var current = Of("inference_build_info", l => l["pod"] == pod.Name && l["version"] == deployment.Version);
        var next = Of("inference_build_info", l => l["pod"] == pod.Name && l["version"] == deployment.NextVersion);
        var quality = Of("inference_quality_score", l => l["pod"] == pod.Name);
        var after = rollout + 40;

        Assert.InRange(rolloutMs.Value, StartMs + (3 * 3_600_000), StartMs + (23 * 3_600_000));
        Assert.Equal(SeriesCatalog.InitialGeneration, generator.ValueAt(generation, rollout - 1));
        Assert.Equal(SeriesCatalog.InitialGeneration + 1, generator.ValueAt(generation, after));
        Assert.Equal(1, generator.ValueAt(current, rollout - 1));
        Assert.True(SimulatedValue.IsAbsent(generator.ValueAt(next, rollout - 1)));
        Assert.Equal(1, generator.ValueAt(next, after));
        Assert.True(SimulatedValue.IsAbsent(generator.ValueAt(current, after)));
        Assert.Equal(1, Enumerable.Range((int)rollout, 40).Count(step => SimulatedValue.IsStaleMarker(generator.ValueAt(current, step))));
        // No regression: quality and latency as before.
        Assert.Equal(generator.ValueAt(quality, rollout - 1), generator.ValueAt(quality, after), 0.01);
        var sum = Of("inference_request_duration_seconds_sum", l => l["pod"] == pod.Name);
        var count = Of("inference_request_duration_seconds_count", l => l["pod"] == pod.Name);
        double Mean(long step) => (generator.ValueAt(sum, step) - generator.ValueAt(sum, step - 40)) / (generator.ValueAt(count, step) - generator.ValueAt(count, step - 40));
        Assert.Equal(Mean(rollout - 1), Mean(after + 40), 0.15 * Mean(rollout - 1));
    }

    [Fact]
    public void RoutineEvents_AreNotFaults()
    {
        var fleet = Fleet.Build(new FleetSpec(4, 8, 1, 2, Seed: 3));

        var plan = FaultPlan.Create(FaultPlan.None, fleet, StartMs, StartMs + (24 * 3_600_000), 3);

        Assert.Empty(plan.ToGroundTruth(3, StartMs, StartMs + (24 * 3_600_000)).Faults);
        // Short runs (the fault tests' two hours) have no routine rollout to confuse with a bad deploy.
        var generator = Generator(seed: 7);
        Assert.All(generator.Catalog.Fleet.Deployments, d => Assert.True(generator.RoutineRolloutMs(d.Index) is null or > StartMs + (2 * 3_600_000)));
    }

    private static FleetGenerator Generator(ulong seed) =>
        new(new SeriesCatalog(Fleet.Build(new FleetSpec(4, 8, 1, 2, seed))), new SimulationTime(StartMs, StepMs));

    private static List<int> Indices(FleetGenerator generator, Func<SimulatedSeries, bool> where) =>
        [.. Enumerable.Range(0, generator.Catalog.Count).Where(i => where(generator.Catalog.Series[i]))];
}
