using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Otlp;
using DeepSeek.Observe.Ingest.Protocol.Otlp;

namespace DeepSeek.Observe.Ingest.Tests;

public class OtlpMetricsMetadataTests
{
    private const ulong T = 1_700_000_000_000_000_000;

    [Fact]
    public void Of_EachKind_TypeHelpUnitUnderTheTranslatedName()
    {
        Metric[] metrics =
        [
            new() { Name = "requests", Unit = "{request}", Description = "Requests.", Sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true } },
            new() { Name = "queue", Unit = "1", Description = "Fill.", Sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = false } },
            new() { Name = "gpu.memory", Unit = "By", Description = "Used.", Gauge = new Gauge() },
            new() { Name = "step", Unit = "s", Description = "Step time.", Histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative } },
            new() { Name = "latency", Unit = "ms", Summary = new Summary() },
        ];

        Assert.Equal(
            [
                new MetricMetadata("requests_total", MetricType.Counter, "Requests.", ""),
                new MetricMetadata("queue_ratio", MetricType.Gauge, "Fill.", "ratio"),
                new MetricMetadata("gpu_memory_bytes", MetricType.Gauge, "Used.", "bytes"),
                new MetricMetadata("step_seconds", MetricType.Histogram, "Step time.", "seconds"),
                new MetricMetadata("latency_milliseconds", MetricType.Summary, "", "milliseconds"),
            ],
            metrics.Select(OtlpMetricsMetadata.Of));
    }

    [Fact]
    public void Of_WhatIsNotStored_HasNoMetadata()
    {
        Assert.Null(OtlpMetricsMetadata.Of(new Metric { Name = "", Gauge = new Gauge() }));
        Assert.Null(OtlpMetricsMetadata.Of(new Metric { Name = "d", Sum = new Sum { AggregationTemporality = AggregationTemporality.Delta, IsMonotonic = true } }));
        Assert.Null(OtlpMetricsMetadata.Of(new Metric { Name = "e", ExponentialHistogram = new ExponentialHistogram() }));
    }

    [Fact]
    public void Translate_SameMetricFromTwoResources_MetadataOnce()
    {
        var metric = new Metric { Name = "temp", Description = "GPU temperature.", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T, AsDouble = 60 } } } };
        var request = new ExportMetricsServiceRequest();
        foreach (var instance in new[] { "a", "b" })
        {
            var resource = new Resource { Attributes = { new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = instance } } } };
            request.ResourceMetrics.Add(new ResourceMetrics { Resource = resource, ScopeMetrics = { new ScopeMetrics { Metrics = { metric } } } });
        }

        var translation = OtlpMetricsTranslator.Translate(request, new IngestOptions());

        Assert.Equal(2, translation.Series.Count);
        Assert.Equal(new MetricMetadata("temp", MetricType.Gauge, "GPU temperature.", ""), Assert.Single(translation.Metadata));
    }
}
