using DeepSeek.Observe.Core.Topology;
using DeepSeek.Observe.Ingest.Otlp;
using DeepSeek.Observe.Ingest.Protocol.Otlp;

namespace DeepSeek.Observe.Ingest.Tests;

public class OtlpLogsTranslatorTests
{
    private static readonly IngestOptions s_options = new();

    [Fact]
    public void Translate_ResourceAndSeverity_BecomeStreamLabelsTheResolverUnderstands()
    {
        var request = Request(
            [("service.name", "trainer"), ("service.namespace", "llm"), ("k8s.namespace.name", "ml"), ("k8s.pod.name", "trainer-0"), ("host.name", "gpu-node-7"), ("cloud.region", "eu")],
            new LogRecord { TimeUnixNano = 1_700_000_000_000_000_001, SeverityNumber = SeverityNumber.Error2, Body = new AnyValue { StringValue = "NCCL timeout" } });
        request.ResourceLogs[0].ScopeLogs[0].LogRecords[0].Attributes.Add(new KeyValue { Key = "http.route", Value = new AnyValue { StringValue = "/step" } });

        var translation = OtlpLogsTranslator.Translate(request, s_options, nowNs: 42);

        var stream = Assert.Single(translation.Streams);
        Assert.Equal("{job=\"llm/trainer\", level=\"error\", namespace=\"ml\", node=\"gpu-node-7\", pod=\"trainer-0\"}", stream.Labels.ToString());
        var entry = Assert.Single(stream.Entries);
        Assert.Equal(1_700_000_000_000_000_001, entry.TimestampNs);
        Assert.Equal("NCCL timeout", entry.Line);
        Assert.Equal("/step", entry.Metadata["http_route"]);
        Assert.Equal("eu", entry.Metadata["cloud_region"]);
        var identity = EntityResolver.Resolve(stream.Labels);
        Assert.Equal(["pod/ml/trainer-0", "node/gpu-node-7"], identity.Entities.Select(e => e.Value));
    }

    [Fact]
    public void Translate_StructuredBodyAndNoTime_WritesJsonStampedNow()
    {
        var body = new AnyValue { KvlistValue = new KeyValueList() };
        body.KvlistValue.Values.Add(new KeyValue { Key = "step", Value = new AnyValue { IntValue = 12 } });
        body.KvlistValue.Values.Add(new KeyValue { Key = "ok", Value = new AnyValue { BoolValue = true } });

        var translation = OtlpLogsTranslator.Translate(Request([], new LogRecord { SeverityText = "Information", Body = body }), s_options, nowNs: 42);

        var stream = Assert.Single(translation.Streams);
        Assert.Equal("{job=\"unknown_service\", level=\"info\"}", stream.Labels.ToString());
        Assert.Equal(new Core.Logs.LogEntry(42, "{\"step\":12,\"ok\":true}"), stream.Entries.Single());
    }

    [Fact]
    public void Translate_RecordWithoutBody_IsRejectedAsPartialSuccess()
    {
        var translation = OtlpLogsTranslator.Translate(
            Request([("service.name", "a")], new LogRecord { TimeUnixNano = 5 }, new LogRecord { TimeUnixNano = 6, Body = new AnyValue { StringValue = "kept" } }),
            s_options,
            nowNs: 1);

        Assert.Equal(1, translation.RejectedLogRecords);
        Assert.Contains("body", translation.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("kept", Assert.Single(Assert.Single(translation.Streams).Entries).Line);
    }

    [Fact]
    public void Translate_LineOverLimit_RefusesWholeRequest()
    {
        var request = Request([("service.name", "a")], new LogRecord { TimeUnixNano = 5, Body = new AnyValue { StringValue = new string('x', 100) } });

        var error = Assert.Throws<IngestRejectedException>(() => OtlpLogsTranslator.Translate(request, new IngestOptions { MaxLogLineBytes = 99 }, 1));

        Assert.Equal(400, error.StatusCode);
    }

    private static ExportLogsServiceRequest Request((string Key, string Value)[] resource, params LogRecord[] records)
    {
        var resourceLogs = new ResourceLogs { Resource = new Resource() };
        foreach (var (key, value) in resource)
        {
            resourceLogs.Resource.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { StringValue = value } });
        }

        var scope = new ScopeLogs();
        scope.LogRecords.Add(records);
        resourceLogs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }
}
