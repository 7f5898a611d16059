using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Exposition;

namespace DeepSeek.Observe.Simulation.Tests.Exposition;

public class ExpositionWriterTests
{
    [Fact]
    public void Targets_GroupedByJobAndInstance_CoverEveryCatalogSeriesOnce()
    {
        var targets = ExpositionFleet.Targets;
        var catalog = ExpositionFleet.Generator.Catalog;

        Assert.Equal(catalog.Count, targets.Sum(t => t.Families.Sum(f => f.Series.Length)));
        Assert.Equal(catalog.Count, targets.SelectMany(t => t.Families.SelectMany(f => f.Series)).Distinct().Count());
        Assert.All(targets, t => Assert.All(t.Families.SelectMany(f => f.Series), i =>
            Assert.Equal((t.Job, t.Instance), (catalog.Series[i].Labels["job"], catalog.Series[i].Labels["instance"]))));
        // 2 nodes: dcgm-exporter, node-exporter and kubelet each; one kube-state-metrics; a target per rank and per inference pod.
        var fleet = catalog.Fleet;
        Assert.Equal(
            new Dictionary<string, int> { ["dcgm-exporter"] = 2, ["node-exporter"] = 2, ["kubelet"] = 2, ["kube-state-metrics"] = 1, ["training"] = fleet.Ranks.Count, ["inference"] = fleet.Pods.Count(p => p.Deployment is not null) },
            targets.GroupBy(t => t.Job).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Contains(targets, t => t.Path == "/targets/dcgm-exporter/gpu-node-0001:9400/metrics");
    }

    [Fact]
    public void Write_EveryTarget_EachPresentSeriesOnceWithItsGeneratedValueAndNoScrapeLabels()
    {
        var values = ExpositionFleet.Values();
        var catalog = ExpositionFleet.Generator.Catalog;
        var index = catalog.Series.Select((s, i) => (s.Labels, i)).ToDictionary(p => p.Labels, p => p.i);

        foreach (var target in ExpositionFleet.Targets)
        {
            var samples = ExpositionFleet.Samples(ExpositionFleet.Expose(target, values), target);

            var expected = target.Families.SelectMany(f => f.Series).Where(i => !SimulatedValue.IsAbsent(values[i])).Select(i => catalog.Series[i].Labels).ToHashSet();
            Assert.True(expected.SetEquals(samples.Select(s => s.Labels)), $"{target.Path}: {samples.Count} samples, {expected.Count} expected");
            Assert.Equal(samples.Count, samples.Select(s => s.Labels).Distinct().Count());
            Assert.All(samples, s => Assert.False(s.HadScrapeLabels, $"{s.Labels} carries job/instance"));
            Assert.All(samples, s => Assert.Equal(BitConverter.DoubleToUInt64Bits(values[index[s.Labels]]), BitConverter.DoubleToUInt64Bits(s.Value)));
        }
    }

    [Fact]
    public void Write_AbsentAndStaleMarker_OmittedWhileAComputedNaNIsWritten()
    {
        var target = ExpositionFleet.Targets.First(t => t.Job == "training");
        var values = ExpositionFleet.Values();
        var loss = Series(target, "train_loss");
        var steps = Series(target, "train_steps_total");
        var grad = Series(target, "train_grad_norm");
        values[loss] = SimulatedValue.Absent;
        values[steps] = Sample.StaleNaN;
        values[grad] = double.NaN;

        var text = ExpositionFleet.Expose(target, values);

        Assert.DoesNotContain("train_loss{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE train_loss gauge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("train_steps_total", text, StringComparison.Ordinal);
        Assert.Contains("\ntrain_grad_norm{", text, StringComparison.Ordinal);
        Assert.EndsWith(" NaN", text.Split('\n').Single(l => l.StartsWith("train_grad_norm{", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("# TYPE train_step_time_seconds gauge\ntrain_step_time_seconds{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KubeStateMetrics_FamiliesAbsentWhileHealthyHaveNoHeader()
    {
        var target = ExpositionFleet.Targets.Single(t => t.Job == "kube-state-metrics");

        var text = ExpositionFleet.Expose(target, ExpositionFleet.Values());

        // CrashLoopBackOff and the sidecar only appear under faults.
        Assert.DoesNotContain("kube_pod_container_status_waiting_reason", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kube_pod_container_info", text, StringComparison.Ordinal);
        Assert.Contains("# HELP kube_pod_status_phase The pods current phase.\n# TYPE kube_pod_status_phase gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE kube_pod_container_status_restarts_total counter\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "# TYPE kube_resourcequota gauge");
    }

    [Fact]
    public void Write_InferencePod_LatencyIsOneHistogramFamilyWithCumulativeBucketsThenSumAndCount()
    {
        var target = ExpositionFleet.Targets.First(t => t.Job == "inference");

        var lines = ExpositionFleet.Expose(target, ExpositionFleet.Values()).Split('\n');

        var type = Array.IndexOf(lines, "# TYPE inference_request_duration_seconds histogram");
        Assert.True(type > 0, string.Join('\n', lines));
        Assert.Equal("# HELP inference_request_duration_seconds Time from request to full response.", lines[type - 1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("# TYPE inference_request_duration_seconds_", StringComparison.Ordinal));
        var family = lines.Skip(type + 1).TakeWhile(l => !l.StartsWith('#') && l.Length > 0).ToList();
        var buckets = SeriesCatalog.LatencyBuckets.Count;
        Assert.Equal(buckets + 2, family.Count);
        Assert.All(family.Take(buckets), l => Assert.StartsWith("inference_request_duration_seconds_bucket{", l, StringComparison.Ordinal));
        Assert.Contains("le=\"+Inf\"", family[buckets - 1], StringComparison.Ordinal);
        Assert.StartsWith("inference_request_duration_seconds_sum{", family[buckets], StringComparison.Ordinal);
        Assert.StartsWith("inference_request_duration_seconds_count{", family[buckets + 1], StringComparison.Ordinal);
        var counts = family.Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.Take(buckets).Order(), counts.Take(buckets));
        Assert.Equal(counts[buckets - 1], counts[buckets + 1]);
        Assert.True(counts[buckets + 1] > 0, "no requests at this step");
    }

    [Fact]
    public void Families_EveryCatalogMetricDeclared_CountersAsTheExportersDeclareThem()
    {
        var metrics = ExpositionFleet.Generator.Catalog.Series.Select(s => s.Labels.MetricName!).Distinct().ToList();

        Assert.All(metrics, m => Assert.NotNull(MetricFamilies.Of(m)));
        Assert.All(metrics.Where(m => m.EndsWith("_total", StringComparison.Ordinal)), m => Assert.Equal(MetricFamily.Counter, MetricFamilies.Of(m)!.Type));
        // dcgm-exporter declares these counters though their names lack _total; gauges stay gauges.
        Assert.Equal(MetricFamily.Counter, MetricFamilies.Of("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")!.Type);
        Assert.Equal(MetricFamily.Counter, MetricFamilies.Of("DCGM_FI_DEV_PCIE_REPLAY_COUNTER")!.Type);
        Assert.Equal(MetricFamily.Gauge, MetricFamilies.Of("DCGM_FI_DEV_XID_ERRORS")!.Type);
        Assert.Equal("inference_request_duration_seconds", MetricFamilies.Of("inference_request_duration_seconds_bucket")!.Name);
        Assert.Null(MetricFamilies.Of("train_loss_bucket"));
    }

    [Fact]
    public void AppendEscaped_LabelValueAndHelp_EscapedAsTheTextFormatRequires()
    {
        var label = new StringBuilder();
        var help = new StringBuilder();

        ExpositionWriter.AppendEscaped(label, "a\\b\"c\nd", quotes: true);
        ExpositionWriter.AppendEscaped(help, "a\\b\"c\nd", quotes: false);

        Assert.Equal("a\\\\b\\\"c\\nd", label.ToString());
        Assert.Equal("a\\\\b\"c\\nd", help.ToString());
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(4503599627370497, "4503599627370497")]
    public void AppendValue_SpecialAndLargeValues_RoundTrip(double value, string expected)
    {
        var text = new StringBuilder();

        ExpositionWriter.AppendValue(text, value);

        Assert.Equal(expected, text.ToString());
    }

    [Fact]
    public void StepCache_SameStep_GeneratedOnceAndEqualToTheGenerator()
    {
        var cache = new StepCache(ExpositionFleet.Generator);

        var first = cache.At(7);
        var again = cache.At(7);
        var next = cache.At(8);

        Assert.Same(first, again);
        Assert.NotSame(first, next);
        Assert.Equal(ExpositionFleet.Values(7), first);
        Assert.Equal(ExpositionFleet.Values(8), next);
    }

    private static int Series(ExposedTarget target, string metric) =>
        target.Families.Single(f => f.Family.Name == metric).Series[0];
}
