using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using DeepSeek.Observe.Ingest.RemoteWrite;
using Google.Protobuf;
using Snappier;

namespace DeepSeek.Observe.Ingest.Tests;

public class RemoteWriteDecoderTests
{
    private static readonly IngestOptions s_options = new();

    [Fact]
    public void Decode_EncodedRequest_RoundTripsLabelsAndSamples()
    {
        var series = new SeriesSamples(
            LabelSet.Create([new Core.Label("__name__", "DCGM_FI_DEV_GPU_TEMP"), new Core.Label("Hostname", "node-1"), new Core.Label("gpu", "0")]),
            [new Core.Sample(1000, 61.5), new Core.Sample(2000, Core.Sample.StaleNaN)]);

        var decoded = Assert.Single(RemoteWriteDecoder.Decode(RemoteWriteEncoder.Encode([series]), s_options));

        Assert.Equal(series.Labels, decoded.Labels);
        Assert.Equal(1000, decoded.Samples[0].TimestampMs);
        Assert.Equal(61.5, decoded.Samples[0].Value);
        Assert.True(decoded.Samples[1].IsStaleMarker);
    }

    [Fact]
    public void Decode_UnsortedLabels_AreSorted()
    {
        var body = Encode(new TimeSeries { Labels = { Label("zone", "a"), Label("__name__", "up") } });

        var decoded = Assert.Single(RemoteWriteDecoder.Decode(body, s_options));

        Assert.Equal(["__name__", "zone"], decoded.Labels.Select(l => l.Name));
    }

    [Fact]
    public void Decode_NotSnappy_Is400()
    {
        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode("not snappy at all"u8, s_options));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("snappy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SnappyAroundGarbage_Is400NamingProtobuf()
    {
        var error = Assert.Throws<IngestRejectedException>(() =>
            RemoteWriteDecoder.Decode(Snappy.CompressToArray([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]), s_options));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("protobuf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedBody_Is400()
    {
        var body = RemoteWriteEncoder.Encode([new SeriesSamples(LabelSet.Create([new Core.Label("__name__", "up")]), [new Core.Sample(1, 1)])]);

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body.AsSpan(0, body.Length - 3), s_options));

        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("bad-name", "invalid label name \"bad-name\"")]
    [InlineData("9lives", "invalid label name \"9lives\"")]
    public void Decode_InvalidLabelName_Is400NamingIt(string name, string expected)
    {
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "up"), Label(name, "x") } });

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DuplicateLabelName_Is400()
    {
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "up"), Label("a", "1"), Label("a", "2") } });

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options));

        Assert.Contains("duplicate label name \"a\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_InvalidMetricName_Is400()
    {
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "gpu-temp") } });

        Assert.Contains("invalid metric name", Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoMetricName_Is400()
    {
        var body = Encode(new TimeSeries { Labels = { Label("job", "x") } });

        Assert.Contains("no metric name", Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooManyLabels_Is400()
    {
        var series = new TimeSeries { Labels = { Label("__name__", "up") } };
        for (var i = 0; i < 5; i++)
        {
            series.Labels.Add(Label($"l{i}", "v"));
        }

        var error = Assert.Throws<IngestRejectedException>(() =>
            RemoteWriteDecoder.Decode(Encode(series), new IngestOptions { MaxLabelsPerSeries = 4 }));

        Assert.Contains("over the limit of 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LabelValueTooLong_Is400()
    {
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "up"), Label("a", new string('x', 20)) } });

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, new IngestOptions { MaxLabelValueLength = 10 }));

        Assert.Contains("value of label \"a\" has 20 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DecompressedSizeOverLimit_Is413()
    {
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "up"), Label("a", new string('x', 5000)) } });

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, new IngestOptions { MaxDecompressedBytes = 1024 }));

        Assert.Equal(413, error.StatusCode);
    }

    [Fact]
    public void Decode_TooManySeries_Is400()
    {
        var request = new WriteRequest();
        for (var i = 0; i < 3; i++)
        {
            request.Timeseries.Add(new TimeSeries { Labels = { Label("__name__", $"m{i}") } });
        }

        var error = Assert.Throws<IngestRejectedException>(() =>
            RemoteWriteDecoder.Decode(Snappy.CompressToArray(request.ToByteArray()), new IngestOptions { MaxSeriesPerRequest = 2 }));

        Assert.Contains("more series than the limit of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ZerosOrTrailingJunk_Is400()
    {
        var valid = RemoteWriteEncoder.Encode([new SeriesSamples(LabelSet.Create([new Core.Label("__name__", "up")]), [new Core.Sample(1, 1)])]);

        Assert.Equal(400, Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(new byte[4096], s_options)).StatusCode);
        Assert.Equal(400, Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode([.. valid, 0x00, 0x01], s_options)).StatusCode);
    }

    [Fact]
    public void Decode_EmptyRequest_IsEmpty()
    {
        Assert.Empty(RemoteWriteDecoder.Decode(Snappy.CompressToArray([]), s_options));
    }

    [Fact]
    public void Decode_WithCache_RepeatedSeriesReturnTheSameInstanceAndDifferentOnesDoNot()
    {
        var cache = new LabelSetCache(100);
        var a = new SeriesSamples(LabelSet.Create([new Core.Label("__name__", "up"), new Core.Label("pod", "a")]), [new Core.Sample(1, 1)]);
        var b = new SeriesSamples(LabelSet.Create([new Core.Label("__name__", "up"), new Core.Label("pod", "b")]), [new Core.Sample(1, 1)]);

        var first = RemoteWriteDecoder.Decode(RemoteWriteEncoder.Encode([a, b]), s_options, cache);
        var second = RemoteWriteDecoder.Decode(RemoteWriteEncoder.Encode([b, a]), s_options, cache);

        Assert.Same(first[0].Labels, second[1].Labels);
        Assert.Same(first[1].Labels, second[0].Labels);
        Assert.Equal(a.Labels, second[1].Labels);
        Assert.Equal(b.Labels, second[0].Labels);
    }

    [Fact]
    public void Decode_WithCache_NonAsciiValuesHitAndNearMissesDoNot()
    {
        var cache = new LabelSetCache(100);
        var labels = LabelSet.Create([new Core.Label("__name__", "up"), new Core.Label("city", "Zürich"), new Core.Label("team", "推理")]);
        var body = RemoteWriteEncoder.Encode([new SeriesSamples(labels, [new Core.Sample(1, 1)])]);

        var first = RemoteWriteDecoder.Decode(body, s_options, cache);
        var second = RemoteWriteDecoder.Decode(body, s_options, cache);

        Assert.Same(first[0].Labels, second[0].Labels);
        Assert.Equal(labels, second[0].Labels);
    }

    [Fact]
    public void Matches_DifferentOrderExtraOrMissingLabel_IsNoMatch()
    {
        var labels = LabelSet.Create([new Core.Label("__name__", "up"), new Core.Label("pod", "a")]);
        byte[] Wire(params Protocol.RemoteWrite.Label[] wire)
        {
            var series = new TimeSeries();
            series.Labels.Add(wire);
            return series.ToByteArray();
        }

        Assert.True(LabelSetCache.Matches(Wire(Label("__name__", "up"), Label("pod", "a")), labels));
        Assert.False(LabelSetCache.Matches(Wire(Label("pod", "a"), Label("__name__", "up")), labels));
        Assert.False(LabelSetCache.Matches(Wire(Label("__name__", "up")), labels));
        Assert.False(LabelSetCache.Matches(Wire(Label("__name__", "up"), Label("pod", "a"), Label("x", "1")), labels));
        Assert.False(LabelSetCache.Matches(Wire(Label("__name__", "up"), Label("pod", "b")), labels));
        Assert.False(LabelSetCache.Matches(Wire(Label("__name__", "up"), Label("pod", "ä")), labels));
    }

    [Fact]
    public void Decode_WithCache_InvalidSeriesIsRejectedEveryTime()
    {
        var cache = new LabelSetCache(100);
        var body = Encode(new TimeSeries { Labels = { Label("__name__", "up"), Label("bad-name", "x") } });

        Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options, cache));
        Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(body, s_options, cache));
    }

    [Fact]
    public void Decode_InvalidUtf8_Is400()
    {
        var series = new TimeSeries { Labels = { Label("__name__", "up") } };
        series.Labels.Add(new Protocol.RemoteWrite.Label { Name = "a", Value = "x" });
        var raw = new WriteRequest { Timeseries = { series } }.ToByteArray();
        raw[^1] = 0xFF; // the last byte of the last label value

        var error = Assert.Throws<IngestRejectedException>(() => RemoteWriteDecoder.Decode(Snappy.CompressToArray(raw), s_options));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownFields_AreSkipped()
    {
        var raw = new List<byte>(new WriteRequest { Timeseries = { new TimeSeries { Labels = { Label("__name__", "up") }, Samples = { new Protocol.RemoteWrite.Sample { Timestamp = 5, Value = 2 } } } } }.ToByteArray());
        // Field 9 (not in remote_write 1.0): a length-delimited field the receiver skips.
        raw.AddRange([0x4A, 0x03, 0x08, 0x01, 0x00]);

        var decoded = Assert.Single(RemoteWriteDecoder.Decode(Snappy.CompressToArray(raw.ToArray()), s_options));

        Assert.Equal(new Core.Sample(5, 2), Assert.Single(decoded.Samples));
    }

    private static Protocol.RemoteWrite.Label Label(string name, string value) => new() { Name = name, Value = value };

    private static byte[] Encode(TimeSeries series)
    {
        series.Samples.Add(new Protocol.RemoteWrite.Sample { Timestamp = 1000, Value = 1 });
        return Snappy.CompressToArray(new WriteRequest { Timeseries = { series } }.ToByteArray());
    }
}
