using DeepSeek.Observe.Scrape.Internal.Exposition;

namespace DeepSeek.Observe.Scrape.Tests;

public class ExpositionReaderTests
{
    [Fact]
    public void TryRead_TextWithMetadataAndLabels_ReadsEverySample()
    {
        var samples = ExpositionParsing.Read("""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # A free comment is ignored.
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
            metric_without_timestamp_and_labels 12.47
            something_weird{problem="division by zero"} +Inf -3982045
            """, ExpositionFormat.PrometheusText);

        Assert.Equal(5, samples.Count);
        Assert.Equal("http_requests_total{code=\"200\", method=\"post\"} 1027 @1395066363000", samples[0].ToString());
        Assert.Equal("http_requests_total{code=\"400\", method=\"post\"} 3 @1395066363000", samples[1].ToString());
        Assert.Equal(@"C:\DIR\FILE.TXT", samples[2].Labels["path"]);
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", samples[2].Labels["error"]);
        Assert.Equal(1.458255915e9, samples[2].Value);
        Assert.Null(samples[3].TimestampMs);
        Assert.Equal(double.PositiveInfinity, samples[4].Value);
        Assert.Equal(-3982045, samples[4].TimestampMs);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("-1.5e-3", -0.0015)]
    [InlineData("17", 17)]
    [InlineData(".5", 0.5)]
    public void TryRead_SpecialAndPlainValues_Parses(string value, double expected)
    {
        var sample = Assert.Single(ExpositionParsing.Read($"m {value}\n", ExpositionFormat.PrometheusText));

        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void TryRead_HistogramAndSummary_KeepsBucketsQuantilesSumAndCount()
    {
        var samples = ExpositionParsing.Read("""
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            """, ExpositionFormat.PrometheusText);

        Assert.Equal(
            ["rpc_duration_seconds", "rpc_duration_seconds", "rpc_duration_seconds_sum", "rpc_duration_seconds_count",
             "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket", "http_request_duration_seconds_sum", "http_request_duration_seconds_count"],
            samples.Select(s => s.Name));
        Assert.Equal("+Inf", samples[5].Labels["le"]);
        Assert.Equal("0.99", samples[1].Labels["quantile"]);
    }

    [Fact]
    public void TryRead_TrailingCommaAndBlanksInLabels_Accepted()
    {
        var sample = Assert.Single(ExpositionParsing.Read("m{ a = \"1\" , b=\"2\", } 3\n", ExpositionFormat.PrometheusText));

        Assert.Equal("1", sample.Labels["a"]);
        Assert.Equal("2", sample.Labels["b"]);
    }

    [Fact]
    public void TryRead_OpenMetrics_ReadsTimestampsInSecondsSkipsExemplarsAndKeepsCreated()
    {
        var samples = ExpositionParsing.Read("""
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {id="counter-test"} 5
            # TYPE bar histogram
            bar_bucket{le="+Inf"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            # EOF

            """.TrimEnd('\n') + "\n", ExpositionFormat.OpenMetrics);

        Assert.Equal(5, samples.Count);
        Assert.Equal("acme_http_router_request_seconds_created", samples[2].Name);
        Assert.Equal(1520879607789, samples[3].TimestampMs);
        Assert.Equal(17, samples[3].Value);
        Assert.Null(samples[4].TimestampMs);
    }

    [Theory]
    [InlineData("m{a=\"1\"} x\n", "invalid value \"x\"")]
    [InlineData("m{a=\"1} 1\n", "unterminated label value")]
    [InlineData("m{a=1} 1\n", "expected a quoted label value")]
    [InlineData("m{1a=\"1\"} 1\n", "expected a label name")]
    [InlineData("m{a=\"1\" b=\"2\"} 1\n", "expected ',' or '}'")]
    [InlineData("m 1 2 3\n", "after the timestamp")]
    [InlineData("m 1 1.5\n", "invalid timestamp")]
    [InlineData("m\n", "expected a space before the value")]
    [InlineData("1m 1\n", "expected a metric name")]
    [InlineData("# TYPE m gaugeish\nm 1\n", "invalid metric type")]
    [InlineData("ok 1\nm 0x1p3\n", "line 2: invalid value")]
    public void TryRead_MalformedText_ThrowsNamingTheLine(string exposition, string expected)
    {
        var ex = Assert.Throws<ExpositionFormatException>(() => ExpositionParsing.Read(exposition, ExpositionFormat.PrometheusText));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m 1\n", "data does not end with # EOF")]
    [InlineData("m 1\n# EOF\nm 2\n", "unexpected data after # EOF")]
    [InlineData("m  1\n# EOF\n", "after one space")]
    [InlineData("m 1\n\n# EOF\n", "empty line")]
    [InlineData("# a comment\n# EOF\n", "invalid comment")]
    [InlineData("# UNIT m_bytes seconds\n# EOF\n", "is not a suffix")]
    [InlineData("# TYPE m untyped\n# EOF\n", "invalid metric type")]
    [InlineData("m 1 # {a=\"1\"}\n# EOF\n", "expected a space before the exemplar value")]
    [InlineData("m 1 NaN\n# EOF\n", "invalid timestamp")]
    public void TryRead_MalformedOpenMetrics_Throws(string exposition, string expected)
    {
        var ex = Assert.Throws<ExpositionFormatException>(() => ExpositionParsing.Read(exposition, ExpositionFormat.OpenMetrics));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EmptyText_HasNoSamples()
    {
        Assert.Empty(ExpositionParsing.Read(string.Empty, ExpositionFormat.PrometheusText));
        Assert.Empty(ExpositionParsing.Read("# EOF\n", ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void TryRead_Series_IsTheTextAsWritten()
    {
        var reader = new ExpositionReader("a_b{x=\"\\\"\"} 1\n", ExpositionFormat.PrometheusText);

        Assert.True(reader.TryRead(out var sample));
        Assert.Equal("a_b{x=\"\\\"\"}", sample.Series.ToString());
        Assert.Equal("a_b", sample.Name.ToString());
        Assert.False(reader.TryRead(out _));
    }

    [Theory]
    [InlineData("application/openmetrics-text", true)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    [InlineData("application/json", false)]
    public void FromMediaType_PicksParser(string? mediaType, bool openMetrics)
    {
        Assert.Equal(openMetrics ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText, ExpositionContentType.FromMediaType(mediaType));
    }
}
