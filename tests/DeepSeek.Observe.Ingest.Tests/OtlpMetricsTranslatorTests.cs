using DeepSeek.Observe.Ingest.Otlp;
using DeepSeek.Observe.Ingest.Protocol.Otlp;

namespace DeepSeek.Observe.Ingest.Tests;

public class OtlpMetricsTranslatorTests
{
    private const ulong T = 1_700_000_000_000_000_000;

    [Fact]
    public void Translate_Histogram_BecomesCumulativeBucketsSumAndCount()
    {
        var point = new HistogramDataPoint { TimeUnixNano = T, Count = 6, Sum = 4.2, BucketCounts = { 1, 2, 3 }, ExplicitBounds = { 0.5, 1 } };
        var metric = new Metric { Name = "step", Unit = "s", Histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { point } } };

        var series = Translate(metric).Series.ToDictionary(s => s.Labels.ToString(), s => s.Samples.Single().Value);

        Assert.Equal(1, series["step_seconds_bucket{le=\"0.5\"}"]);
        Assert.Equal(3, series["step_seconds_bucket{le=\"1\"}"]);
        Assert.Equal(6, series["step_seconds_bucket{le=\"+Inf\"}"]);
        Assert.Equal(4.2, series["step_seconds_sum{}"]);
        Assert.Equal(6, series["step_seconds_count{}"]);
    }

    [Fact]
    public void Translate_DeltaSumAndExponentialHistogram_AreRejectedAndCounted()
    {
        var delta = new Metric { Name = "a", Sum = new Sum { AggregationTemporality = AggregationTemporality.Delta, IsMonotonic = true, DataPoints = { new NumberDataPoint { TimeUnixNano = T, AsInt = 1 } } } };
        var exponential = new Metric { Name = "b", ExponentialHistogram = new ExponentialHistogram { DataPoints = { new ExponentialHistogramDataPoint(), new ExponentialHistogramDataPoint() } } };

        var translation = Translate(delta, exponential);

        Assert.Empty(translation.Series);
        Assert.Equal(3, translation.RejectedDataPoints);
        Assert.Contains("delta", translation.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("exponential", translation.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_UnnamedMetricAndMalformedHistogram_AreRejected()
    {
        var unnamed = new Metric { Name = "", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T, AsDouble = 1 } } } };
        var unsorted = new Metric
        {
            Name = "h",
            Histogram = new Histogram
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                DataPoints =
                {
                    new HistogramDataPoint { TimeUnixNano = T, BucketCounts = { 1, 2, 3 }, ExplicitBounds = { 1, 0.5 } },
                    new HistogramDataPoint { TimeUnixNano = T, BucketCounts = { 1, 2 }, ExplicitBounds = { 1, 2 } },
                },
            },
        };

        var translation = Translate(unnamed, unsorted);

        Assert.Empty(translation.Series);
        Assert.Equal(3, translation.RejectedDataPoints);
    }

    [Fact]
    public void Translate_NoRecordedValueFlag_BecomesStaleMarker()
    {
        var metric = new Metric { Name = "up", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T, Flags = 1 } } } };

        Assert.True(Translate(metric).Series.Single().Samples.Single().IsStaleMarker);
    }

    [Fact]
    public void Translate_AttributesThatSanitiseAlike_JoinValuesInKeyOrder()
    {
        var point = new NumberDataPoint { TimeUnixNano = T, AsDouble = 1 };
        point.Attributes.Add(new KeyValue { Key = "a_b", Value = new AnyValue { StringValue = "2" } });
        point.Attributes.Add(new KeyValue { Key = "a.b", Value = new AnyValue { StringValue = "1" } });
        var metric = new Metric { Name = "m", Gauge = new Gauge { DataPoints = { point } } };

        Assert.Equal("1;2", Translate(metric).Series.Single().Labels["a_b"]);
    }

    [Fact]
    public void Translate_ResourceIdentity_BecomesJobInstanceAndTargetInfo()
    {
        var request = new ExportMetricsServiceRequest();
        var resource = new ResourceMetrics { Resource = new Resource() };
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "api" } });
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.instance.id", Value = new AnyValue { StringValue = "i-1" } });
        resource.Resource.Attributes.Add(new KeyValue { Key = "k8s.pod.name", Value = new AnyValue { StringValue = "api-0" } });
        resource.ScopeMetrics.Add(new ScopeMetrics { Metrics = { new Metric { Name = "up", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T, AsDouble = 1 } } } } } });
        request.ResourceMetrics.Add(resource);

        var series = OtlpMetricsTranslator.Translate(request, new IngestOptions()).Series.Select(s => s.Labels.ToString()).Order().ToList();

        Assert.Equal(["target_info{instance=\"i-1\", job=\"api\", k8s_pod_name=\"api-0\"}", "up{instance=\"i-1\", job=\"api\"}"], series);
    }

    private static OtlpMetricsTranslation Translate(params Metric[] metrics)
    {
        var scope = new ScopeMetrics();
        scope.Metrics.AddRange(metrics);
        var resource = new ResourceMetrics();
        resource.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resource);
        return OtlpMetricsTranslator.Translate(request, new IngestOptions());
    }
}
