using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Scrape.Internal.Exposition;

namespace DeepSeek.Observe.Scrape.Tests;

public class ExpositionMetadataTests
{
    private static IReadOnlyList<MetricMetadata> Read(ExpositionMetadata metadata, string text, ExpositionFormat format)
    {
        metadata.Begin();
        var reader = new ExpositionReader(text, format, metadata);
        while (reader.TryRead(out _))
        {
        }

        return [.. metadata.Complete()];
    }

    [Fact]
    public void Text004_TypeHelpAndUntyped_KeyedByTheNameOnTheLine()
    {
        var text = """
            # HELP http_requests_total Requests served,\nby code \\ path.
            # TYPE http_requests_total counter
            http_requests_total{code="200"} 1
            # TYPE legacy untyped
            legacy 2
            # HELP   only_help   Spaces before are skipped.
            only_help 3
            # A free comment
            """ + "\n";

        var metadata = Read(new ExpositionMetadata(), text, ExpositionFormat.PrometheusText);

        Assert.Equal(
            [
                new MetricMetadata("http_requests_total", MetricType.Counter, "Requests served,\nby code \\ path.", ""),
                new MetricMetadata("legacy", MetricType.Unknown, "", ""),
                new MetricMetadata("only_help", MetricType.Unknown, "Spaces before are skipped.", ""),
            ],
            metadata.OrderBy(m => m.FamilyName, StringComparer.Ordinal));
    }

    [Fact]
    public void OpenMetrics_TypeHelpUnitAndEscapes()
    {
        var text = """
            # TYPE rpc_duration_seconds histogram
            # UNIT rpc_duration_seconds seconds
            # HELP rpc_duration_seconds Said \"slow\".
            rpc_duration_seconds_bucket{le="+Inf"} 1
            rpc_duration_seconds_count 1
            # TYPE build info
            build_info{version="1"} 1
            # TYPE gh gaugehistogram
            # TYPE ss stateset
            # EOF
            """ + "\n";

        var metadata = Read(new ExpositionMetadata(), text, ExpositionFormat.OpenMetrics).ToDictionary(m => m.FamilyName);

        Assert.Equal(new MetricMetadata("rpc_duration_seconds", MetricType.Histogram, "Said \"slow\".", "seconds"), metadata["rpc_duration_seconds"]);
        Assert.Equal(MetricType.Info, metadata["build"].Type);
        Assert.Equal(MetricType.GaugeHistogram, metadata["gh"].Type);
        Assert.Equal(MetricType.StateSet, metadata["ss"].Type);
    }

    [Fact]
    public void Complete_UnchangedScrape_ReusesTheSameEntries()
    {
        var metadata = new ExpositionMetadata();
        const string Text = "# HELP a Help.\n# TYPE a gauge\na 1\n";

        var first = Read(metadata, Text, ExpositionFormat.PrometheusText);
        var second = Read(metadata, Text, ExpositionFormat.PrometheusText);

        Assert.Same(Assert.Single(first), Assert.Single(second));
    }

    [Fact]
    public void Complete_FamilyOrLineGone_IsForgotten()
    {
        var metadata = new ExpositionMetadata();
        Read(metadata, "# HELP a Help.\n# TYPE a gauge\na 1\n# TYPE b counter\nb 1\n", ExpositionFormat.PrometheusText);

        var next = Read(metadata, "# TYPE a gauge\na 1\n", ExpositionFormat.PrometheusText);

        Assert.Equal(new MetricMetadata("a", MetricType.Gauge, "", ""), Assert.Single(next));
    }
}
