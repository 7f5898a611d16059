using System.Globalization;
using System.Text;
using DeepSeek.Observe.Scrape.Internal.Exposition;
using Prometheus;
using ExpositionFormat = DeepSeek.Observe.Scrape.Internal.Exposition.ExpositionFormat;

namespace DeepSeek.Observe.Scrape.Tests;

/// <summary>The parsers against what prometheus-net (the usual .NET exporter) really writes, in both formats.</summary>
public class PrometheusNetExpositionTests
{
    [Fact]
    public async Task Read_PrometheusNetTextAndOpenMetrics_SameSamplesWithEscapesHistogramsAndSummaries()
    {
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        factory.CreateCounter("app_requests_total", "Requests \\ served per path.", "path").WithLabels("/a\"b\\c\nd").Inc(3);
        factory.CreateGauge("app_temperature_celsius", "Temperature.", "gpu").WithLabels("0").Set(-12.5);
        var histogram = factory.CreateHistogram("app_latency_seconds", "Latency.", new HistogramConfiguration { Buckets = [0.1, 1] });
        histogram.Observe(0.05);
        histogram.Observe(5);
        var summary = factory.CreateSummary("app_size_bytes", "Size.", new SummaryConfiguration { Objectives = [new QuantileEpsilonPair(0.5, 0.05)] });
        summary.Observe(10);

        var text = ExpositionParsing.Read(await ExportAsync(registry, Prometheus.ExpositionFormat.PrometheusText), ExpositionFormat.PrometheusText);
        var openMetrics = ExpositionParsing.Read(await ExportAsync(registry, Prometheus.ExpositionFormat.OpenMetricsText), ExpositionFormat.OpenMetrics);

        // prometheus-net writes le="1" in text and le="1.0" in OpenMetrics; Prometheus 2.42 stores both as written.
        Assert.Equal(Canonical(text), Canonical(openMetrics));
        Assert.Contains(openMetrics, s => s.Name == "app_latency_seconds_bucket" && s.Labels["le"] == "1.0");
        var counter = Assert.Single(text, s => s.Name == "app_requests_total");
        Assert.Equal("/a\"b\\c\nd", counter.Labels["path"]);
        Assert.Equal(3, counter.Value);
        Assert.Equal(-12.5, Assert.Single(text, s => s.Name == "app_temperature_celsius").Value);
        Assert.Equal(["0.1", "1", "+Inf"], text.Where(s => s.Name == "app_latency_seconds_bucket").Select(s => s.Labels["le"]));
        Assert.Equal(2, Assert.Single(text, s => s.Name == "app_latency_seconds_count").Value);
        Assert.Equal("0.5", Assert.Single(text, s => s.Name == "app_size_bytes").Labels["quantile"]);
    }

    private static IEnumerable<string> Canonical(List<ParsedSample> samples) => samples
        .Select(s => (s with { Labels = s.Labels.ToDictionary(l => l.Key, l => l.Key is "le" or "quantile" && ExpositionValues.TryParseFloat(l.Value, out var bound) ? bound.ToString(CultureInfo.InvariantCulture) : l.Value) }).ToString())
        .Order(StringComparer.Ordinal);

    private static async Task<string> ExportAsync(CollectorRegistry registry, Prometheus.ExpositionFormat format)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, format);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
