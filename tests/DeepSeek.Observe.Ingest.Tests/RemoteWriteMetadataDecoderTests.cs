using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using DeepSeek.Observe.Ingest.RemoteWrite;
using Google.Protobuf;
using Snappier;
using WireMetadata = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.MetricMetadata;

namespace DeepSeek.Observe.Ingest.Tests;

/// <summary>WriteRequest.metadata (field 3), as Prometheus sends it every <c>metadata_config.send_interval</c>.</summary>
public class RemoteWriteMetadataDecoderTests
{
    private static readonly IngestOptions s_options = new();

    [Fact]
    public void DecodeRequest_Metadata_MapsEveryFieldAndType()
    {
        var request = new WriteRequest
        {
            Metadata =
            {
                new WireMetadata { Type = WireMetadata.Types.MetricType.Counter, MetricFamilyName = "http_requests_total", Help = "Requests served.", Unit = "" },
                new WireMetadata { Type = WireMetadata.Types.MetricType.Histogram, MetricFamilyName = "rpc_duration_seconds", Help = "Latency.\nSecond line.", Unit = "seconds" },
                new WireMetadata { Type = WireMetadata.Types.MetricType.Gaugehistogram, MetricFamilyName = "gh" },
                new WireMetadata { Type = WireMetadata.Types.MetricType.Stateset, MetricFamilyName = "ss", Help = "ü" },
            },
        };

        var decoded = RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray(request.ToByteArray()), s_options);

        Assert.Empty(decoded.Series);
        Assert.Equal(
            [
                new Core.Series.MetricMetadata("http_requests_total", MetricType.Counter, "Requests served.", ""),
                new Core.Series.MetricMetadata("rpc_duration_seconds", MetricType.Histogram, "Latency.\nSecond line.", "seconds"),
                new Core.Series.MetricMetadata("gh", MetricType.GaugeHistogram, "", ""),
                new Core.Series.MetricMetadata("ss", MetricType.StateSet, "ü", ""),
            ],
            decoded.Metadata);
    }

    [Fact]
    public void DecodeRequest_SeriesAndMetadataTogether_BothDecoded()
    {
        var request = new WriteRequest
        {
            Timeseries = { new TimeSeries { Labels = { new Protocol.RemoteWrite.Label { Name = "__name__", Value = "up" } }, Samples = { new Protocol.RemoteWrite.Sample { Timestamp = 1, Value = 1 } } } },
            Metadata = { new WireMetadata { Type = WireMetadata.Types.MetricType.Gauge, MetricFamilyName = "up" } },
        };

        var decoded = RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray(request.ToByteArray()), s_options);

        Assert.Single(decoded.Series);
        Assert.Equal(MetricType.Gauge, Assert.Single(decoded.Metadata).Type);
    }

    [Fact]
    public void DecodeRequest_TypeUnknownToVersion1_ReadsAsUnknown()
    {
        // type = 42 (field 1 varint), metric_family_name = "m" (field 2).
        byte[] metadata = [0x08, 42, 0x12, 0x01, (byte)'m'];

        var decoded = RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray([0x1A, (byte)metadata.Length, .. metadata]), s_options);

        Assert.Equal(MetricType.Unknown, Assert.Single(decoded.Metadata).Type);
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x05, 0x12, 0x01, (byte)'m' }, "runs past the end")]            // metadata shorter than its length
    [InlineData(new byte[] { 0x1A, 0x03, 0x08, 0x01, 0x00 }, "invalid field tag")]                   // a zero tag inside it
    [InlineData(new byte[] { 0x1A, 0x05, 0x12, 0x01, (byte)'m', 0x22, 0x01 }, "runs past the end")] // help truncated
    [InlineData(new byte[] { 0x1A, 0x05, 0x12, 0x01, (byte)'m', 0x22, 0x00 }, null)]                 // valid: empty help
    [InlineData(new byte[] { 0x1A, 0x05, 0x12, 0x01, 0xFF, 0x22, 0x00 }, "not valid UTF-8")]         // family name not UTF-8
    [InlineData(new byte[] { 0x1A, 0x06, 0x12, 0x01, (byte)'m', 0x22, 0x01, 0xC3 }, "not valid UTF-8")] // help not UTF-8
    [InlineData(new byte[] { 0x1A, 0x02, 0x08, 0x01 }, "without metric_family_name")]
    public void DecodeRequest_MalformedMetadata_Is400(byte[] raw, string? reason)
    {
        if (reason is null)
        {
            Assert.Single(RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray(raw), s_options).Metadata);
            return;
        }

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray(raw), s_options));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeRequest_MoreMetadataThanTheSeriesCap_Is400()
    {
        var request = new WriteRequest();
        for (var i = 0; i < 3; i++)
        {
            request.Metadata.Add(new WireMetadata { MetricFamilyName = $"m{i}" });
        }

        var error = Assert.Throws<IngestRejectedException>(() =>
            RemoteWriteDecoder.DecodeRequest(Snappy.CompressToArray(request.ToByteArray()), new IngestOptions { MaxSeriesPerRequest = 2 }));

        Assert.Contains("metadata entries", error.Message, StringComparison.Ordinal);
    }
}
