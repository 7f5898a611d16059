using System.Text;
using DeepSeek.Observe.Ingest.Loki;
using DeepSeek.Observe.Ingest.Protocol.Loki;
using Google.Protobuf;
using Snappier;

namespace DeepSeek.Observe.Ingest.Tests;

public class LokiPushDecoderTests
{
    private static readonly IngestOptions s_options = new() { MaxLogLineBytes = 64 };

    [Fact]
    public void DecodeJson_StreamsWithMetadata_KeepsNanosecondsLabelsAndMetadata()
    {
        const string body = """
            {"streams":[{"stream":{"job":"api","level":"info"},"values":[
              ["1700000000123456789","GET /"],
              ["1700000000123456790","POST /",{"trace_id":"abc"}]]}]}
            """;

        var stream = Assert.Single(LokiPushDecoder.DecodeJson(Encoding.UTF8.GetBytes(body), s_options));

        Assert.Equal("{job=\"api\", level=\"info\"}", stream.Labels.ToString());
        Assert.Equal(1_700_000_000_123_456_789, stream.Entries[0].TimestampNs);
        Assert.Equal("POST /", stream.Entries[1].Line);
        Assert.Equal("abc", stream.Entries[1].Metadata["trace_id"]);
    }

    [Theory]
    [InlineData("{\"streams\":[", "not valid JSON")]
    [InlineData("[]", "expected {\"streams\"")]
    [InlineData("{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"x\"]]}]}", "at least one label")]
    [InlineData("{\"streams\":[{\"stream\":{\"a-b\":\"1\"},\"values\":[[\"1\",\"x\"]]}]}", "invalid label name")]
    [InlineData("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"soon\",\"x\"]]}]}", "not Unix nanoseconds")]
    [InlineData("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\"]]}]}", "is not [")]
    [InlineData("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"x\",{\"bad.name\":\"v\"}]]}]}", "structured metadata")]
    [InlineData("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"0123456789012345678901234567890123456789012345678901234567890123456789\"]]}]}", "exceeds the limit of 64 bytes")]
    public void DecodeJson_Invalid_ThrowsBadRequestNamingTheProblem(string body, string reason)
    {
        var error = Assert.Throws<IngestRejectedException>(() => LokiPushDecoder.DecodeJson(Encoding.UTF8.GetBytes(body), s_options));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeProtobuf_SnappyPushRequest_ParsesSelectorLabelsAndTimestamps()
    {
        var request = new PushRequest();
        var stream = new StreamAdapter { Labels = "{job=\"fluent-bit\", pod=\"a\\\"b\"}" };
        stream.Entries.Add(new EntryAdapter { Timestamp = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1_700_000_000, Nanos = 5 }, Line = "hello" });
        stream.Entries[0].StructuredMetadata.Add(new LabelPairAdapter { Name = "trace_id", Value = "t1" });
        request.Streams.Add(stream);

        var decoded = Assert.Single(LokiPushDecoder.DecodeProtobuf(Snappy.CompressToArray(request.ToByteArray()), s_options));

        Assert.Equal("a\"b", decoded.Labels["pod"]);
        Assert.Equal(1_700_000_000_000_000_005, decoded.Entries.Single().TimestampNs);
        Assert.Equal("t1", decoded.Entries.Single().Metadata["trace_id"]);
    }

    [Theory]
    [InlineData("{job=\"a\"", "expected '}'")]
    [InlineData("job=\"a\"}", "expected '{'")]
    [InlineData("{job=~\"a\"}", "expected '\"'")]
    [InlineData("{}", "at least one label")]
    public void DecodeProtobuf_BadSelector_ThrowsBadRequest(string labels, string reason)
    {
        var request = new PushRequest();
        request.Streams.Add(new StreamAdapter { Labels = labels });

        var error = Assert.Throws<IngestRejectedException>(() => LokiPushDecoder.DecodeProtobuf(Snappy.CompressToArray(request.ToByteArray()), s_options));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeProtobuf_NotSnappyOrTruncated_ThrowsBadRequest()
    {
        var request = new PushRequest();
        request.Streams.Add(new StreamAdapter { Labels = "{job=\"a\"}" });
        var compressed = Snappy.CompressToArray(request.ToByteArray());

        Assert.Equal(400, Assert.Throws<IngestRejectedException>(() => LokiPushDecoder.DecodeProtobuf(request.ToByteArray(), s_options)).StatusCode);
        Assert.Equal(400, Assert.Throws<IngestRejectedException>(() => LokiPushDecoder.DecodeProtobuf(compressed.AsSpan(0, compressed.Length - 2), s_options)).StatusCode);
    }
}
