namespace DeepSeek.Observe.Simulation.Tests;

public class FleetGeneratorTests
{
    // 2026-01-01T00:00:00Z, on a 15 s step.
    private static readonly SimulationTime s_time = new(1_767_225_600_000, 15_000);

    private static readonly HashSet<string> s_dcgmCounters =
    [
        "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
        "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_POWER_VIOLATION", "DCGM_FI_DEV_THERMAL_VIOLATION",
    ];

    private static FleetGenerator Generator(ulong seed = 1, IReadOnlyList<IFleetCondition>? conditions = null) =>
        new(new SeriesCatalog(Fleet.Build(new FleetSpec(4, 8, 1, 2, seed))), s_time, conditions);

    private static double[] Step(FleetGenerator generator, long step)
    {
        var values = new double[generator.Catalog.Count];
        generator.Generate(step, values);
        return values;
    }

    [Fact]
    public void Generate_SameSeedAndStep_IdenticalBits()
    {
        var first = Step(Generator(), 17);
        var second = Step(Generator(), 17);

        Assert.Equal(first.Select(BitConverter.DoubleToInt64Bits), second.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentValues()
    {
        var first = Step(Generator(seed: 1), 17);
        var second = Step(Generator(seed: 2), 17);

        var differing = first.Zip(second).Count(p => p.First != p.Second);
        Assert.True(differing > first.Length / 4, $"{differing} of {first.Length} values differ");
    }

    [Fact]
    public void Generate_StepsOutOfOrder_SameAsInOrder()
    {
        var generator = Generator();
        var later = Step(generator, 40);
        _ = Step(generator, 3);

        Assert.Equal(later, Step(Generator(), 40));
    }

    [Fact]
    public void GenerateRange_AnySlice_MatchesWholeStep()
    {
        var generator = Generator();
        var whole = Step(generator, 9);
        var slice = new double[100];

        generator.GenerateRange(9, 1234, slice);

        Assert.Equal(whole.AsSpan(1234, 100).ToArray(), slice);
    }

    [Fact]
    public void Generate_Counters_NeverDecreaseAndMostlyGrow()
    {
        var generator = Generator();
        var counters = Enumerable.Range(0, generator.Catalog.Count).Where(i => IsCounter(generator.Catalog.Series[i].Labels.MetricName!)).ToList();
        // A day and a half of steps, sampled every 37 steps plus consecutive runs, covers diurnal lows and highs.
        var steps = Enumerable.Range(0, 240).Select(i => (long)i * 37).Concat(Enumerable.Range(0, 50).Select(i => 5000L + i)).Order().ToArray();

        var previous = Step(generator, steps[0]);
        var grew = new HashSet<int>();
        foreach (var step in steps.Skip(1))
        {
            var current = Step(generator, step);
            foreach (var i in counters)
            {
                Assert.True(current[i] >= previous[i], $"{generator.Catalog.Series[i].Labels} went from {previous[i]} to {current[i]} at step {step}");
                if (current[i] > previous[i])
                {
                    grew.Add(i);
                }
            }

            previous = current;
        }

        Assert.Contains(counters, i => generator.Catalog.Series[i].Labels.MetricName == "inference_requests_total" && grew.Contains(i));
        Assert.Contains(counters, i => generator.Catalog.Series[i].Labels.MetricName == "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" && grew.Contains(i));
        Assert.Contains(counters, i => generator.Catalog.Series[i].Labels.MetricName == "train_steps_total" && grew.Contains(i));
    }

    [Fact]
    public void Generate_LatencyHistogram_BucketsCumulativeAndInfEqualsCount()
    {
        var generator = Generator();
        var series = generator.Catalog.Series;

        foreach (var step in new long[] { 1, 100, 3000 })
        {
            var values = Step(generator, step);
            foreach (var pod in series.Where(s => s.Kind == SignalKind.InferenceLatencyCount).Select(s => s.Labels["pod"]))
            {
                var buckets = Enumerable.Range(0, series.Length)
                    .Where(i => series[i].Kind == SignalKind.InferenceLatencyBucket && series[i].Labels["pod"] == pod)
                    .Select(i => values[i]).ToList();
                var count = values[Array.FindIndex(series, s => s.Kind == SignalKind.InferenceLatencyCount && s.Labels["pod"] == pod)];

                Assert.Equal(buckets.Order(), buckets);
                Assert.Equal(count, buckets[^1]);
                Assert.True(buckets[0] < buckets[^1], $"step {step}: every request in the first bucket");
            }
        }
    }

    [Fact]
    public void Generate_Gauges_WithinPhysicalRanges()
    {
        var generator = Generator();
        var values = Step(generator, 123);

        foreach (var (series, value) in generator.Catalog.Series.Zip(values))
        {
            switch (series.Labels.MetricName)
            {
                case "DCGM_FI_DEV_GPU_UTIL":
                    Assert.InRange(value, 0, 100);
                    break;
                case "DCGM_FI_DEV_GPU_TEMP":
                    Assert.InRange(value, 20, 85);
                    break;
                case "DCGM_FI_DEV_POWER_USAGE":
                    Assert.InRange(value, 50, 700);
                    break;
                case "DCGM_FI_DEV_FB_USED" or "DCGM_FI_DEV_FB_FREE":
                    Assert.InRange(value, 0, Fleet.FramebufferMiB);
                    break;
                case "inference_quality_score":
                    Assert.InRange(value, 0, 1);
                    break;
            }
        }
    }

    [Fact]
    public void Generate_InferenceLoad_FollowsTheDay()
    {
        var generator = Generator();
        var queue = Array.FindIndex(generator.Catalog.Series, s => s.Labels.MetricName == "DCGM_FI_DEV_POWER_USAGE" && s.Labels["namespace"] == "inference");
        // Steps are 15 s: 240 steps an hour. Compare the small hours with mid-afternoon, averaged over an hour each.
        double HourMean(int hour) => Enumerable.Range(hour * 240, 240).Average(step => generator.ValueAt(queue, step));

        Assert.True(HourMean(14) > HourMean(2) + 100, $"14:00 {HourMean(14)} W vs 02:00 {HourMean(2)} W");
    }

    [Fact]
    public void Generate_Condition_ChangesOnlyTheSeriesItAffects()
    {
        var healthy = Step(Generator(), 5);
        var generator = Generator(conditions: [new HotGpu("gpu-node-0002", "3")]);

        var values = Step(generator, 5);

        for (var i = 0; i < values.Length; i++)
        {
            var labels = generator.Catalog.Series[i].Labels;
            var affected = labels.MetricName == "DCGM_FI_DEV_GPU_TEMP" && labels["Hostname"] == "gpu-node-0002" && labels["gpu"] == "3";
            Assert.Equal(affected ? 95 : healthy[i], values[i]);
        }
    }

    private static bool IsCounter(string name) =>
        name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)
        || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal) || s_dcgmCounters.Contains(name);

    private sealed class HotGpu(string host, string gpu) : IFleetCondition
    {
        public bool Affects(in SimulatedSeries series) =>
            series.Labels.MetricName == "DCGM_FI_DEV_GPU_TEMP" && series.Labels["Hostname"] == host && series.Labels["gpu"] == gpu;

        public double Apply(in SimulatedSeries series, in ConditionContext at, double value) => 95;
    }
}
