using System.Globalization;
using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.Otlp;

namespace DeepSeek.Observe.Simulation.Tests.Otlp;

public class OtlpLogSinkTests
{
    private const long StartMs = 1_767_225_600_000;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly Uri s_base = new("http://127.0.0.1:1");

    private static readonly Fleet s_fleet = Fleet.Build(new FleetSpec(4, 8, 1, 1, 3));

    private static FleetGenerator Metrics() => new(new SeriesCatalog(s_fleet), new SimulationTime(StartMs, 15_000));

    /// <summary>A line from each source: kernel (node only), a Kubernetes event and container lines of both kinds of pod.</summary>
    private static SimulatedLog[] Lines(int count = 4)
    {
        var training = s_fleet.Pods.First(p => p.TrainJob is not null);
        var serving = s_fleet.Pods.First(p => p.Deployment is not null);
        SimulatedLog[] lines =
        [
            new(StartMs, LogSource.Kernel, LogSeverity.Warn, s_fleet.Nodes[1], null, null, "NVRM: Xid (PCI:0000:18:00): 79, GPU has fallen off the bus."),
            new(StartMs + 1, LogSource.Kubernetes, LogSeverity.Info, serving.Node, serving, serving.Container, "Normal Started: Started container server"),
            new(StartMs + 2, LogSource.Container, LogSeverity.Error, serving.Node, serving, serving.Container, "ERROR access: \"POST /v1/completions HTTP/1.1\" 500 12ms"),
            new(StartMs + 3, LogSource.Container, LogSeverity.Debug, training.Node, training, training.Container, "[rank0] step 10 | loss 2.0"),
        ];
        return [.. Enumerable.Range(0, count).Select(i => lines[i % lines.Length] with { TimestampMs = StartMs + i })];
    }

    [Theory]
    [InlineData("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/logs")]
    [InlineData("http://127.0.0.1:4318/", "http://127.0.0.1:4318/v1/logs")]
    [InlineData("http://127.0.0.1:9470/v1/logs", "http://127.0.0.1:9470/v1/logs")]
    [InlineData("https://collector.example:443/otlp", "https://collector.example/otlp/v1/logs")]
    public void LogsUrlOf_BaseOrFullUrl_PointsAtV1Logs(string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), OtlpLogSinkOptions.LogsUrlOf(new Uri(endpoint)));

    [Fact]
    public async Task SendAsync_Json_OneResourcePerStreamWithSeverityTimeAndBody()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base), http, TimeProvider.System);
        var lines = Lines(8);

        await sink.SendAsync(lines, CancellationToken.None).WaitAsync(s_timeout);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://127.0.0.1:1/v1/logs"), request.Uri);
        Assert.Equal("application/json", request.ContentType);
        using var json = JsonDocument.Parse(request.Body);
        var resources = json.RootElement.GetProperty("resourceLogs").EnumerateArray().ToList();
        Assert.Equal(4, resources.Count);
        var attributes = resources.Select(r => r.GetProperty("resource").GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetProperty("stringValue").GetString())).ToList();

        Assert.Equal(new Dictionary<string, string?> { ["service.name"] = "journald", ["k8s.node.name"] = "gpu-node-0002", ["host.name"] = "gpu-node-0002" }, attributes[0]);
        Assert.Equal("kubernetes-events", attributes[1]["service.name"]);
        Assert.Equal(lines[1].Pod!.Name, attributes[1]["k8s.pod.name"]);
        Assert.Equal(("inference", "server", "inference", "server"), (attributes[2]["service.namespace"], attributes[2]["service.name"], attributes[2]["k8s.namespace.name"], attributes[2]["k8s.container.name"]));
        Assert.Equal(lines[2].Pod!.Deployment!.Name, attributes[2]["k8s.deployment.name"]);
        Assert.Equal(lines[2].Node.Hostname, attributes[2]["k8s.node.name"]);
        Assert.Equal(("training", "trainer", lines[3].Pod!.Name), (attributes[3]["service.namespace"], attributes[3]["service.name"], attributes[3]["k8s.pod.name"]));

        int[] numbers = [13, 9, 17, 5];
        string[] texts = ["WARN", "INFO", "ERROR", "DEBUG"];

        // Each resource holds its lines (every fourth) in order, with the spec's severities and nanosecond times as strings.
        for (var r = 0; r < 4; r++)
        {
            var records = resources[r].GetProperty("scopeLogs")[0].GetProperty("logRecords").EnumerateArray().ToList();
            Assert.Equal([lines[r], lines[r + 4]], records.Select(x => lines.Single(l => (l.TimestampMs * 1_000_000).ToString(CultureInfo.InvariantCulture) == x.GetProperty("timeUnixNano").GetString())));
            Assert.All(records, x => Assert.Equal(lines[r].Body, x.GetProperty("body").GetProperty("stringValue").GetString()));
            Assert.All(records, x => Assert.Equal(numbers[r], x.GetProperty("severityNumber").GetInt32()));
            Assert.All(records, x => Assert.Equal(texts[r], x.GetProperty("severityText").GetString()));
        }

        Assert.Equal(8, sink.LinesAcknowledged);
        Assert.Equal(new OtlpLogFailures(1, 0, 0, 0), sink.Failures);
    }

    [Fact]
    public void Of_NodeEvent_EventsServiceWithTheNodeOnly()
    {
        var line = new SimulatedLog(StartMs, LogSource.Kubernetes, LogSeverity.Warn, s_fleet.Nodes[0], null, null, "Warning NodeNotReady: Node gpu-node-0001 status is now: NodeNotReady");

        Assert.Equal(
            [KeyValuePair.Create("service.name", "kubernetes-events"), KeyValuePair.Create("k8s.node.name", "gpu-node-0001"), KeyValuePair.Create("host.name", "gpu-node-0001")],
            OtlpLogResource.Of(line).Attributes);
    }

    [Fact]
    public async Task SendAsync_GeneratedWindow_EveryLineEncodedOnce()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base, LinesPerRequest: 100), http, TimeProvider.System);
        var lines = new FleetLogGenerator(Metrics()).Logs(StartMs, StartMs + 300_000);

        await sink.SendAsync(lines, CancellationToken.None).WaitAsync(s_timeout);

        var bodies = handler.Requests.SelectMany(r =>
        {
            using var json = JsonDocument.Parse(r.Body);
            return json.RootElement.GetProperty("resourceLogs").EnumerateArray()
                .SelectMany(x => x.GetProperty("scopeLogs")[0].GetProperty("logRecords").EnumerateArray())
                .Select(x => x.GetProperty("body").GetProperty("stringValue").GetString()!).ToList();
        });
        Assert.Equal((lines.Count + 99) / 100, handler.Requests.Count);
        Assert.Equal(lines.Select(l => l.Body).Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count, sink.LinesAcknowledged);
    }

    [Fact]
    public async Task SendAsync_BatchesByLinesPerRequest()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base, LinesPerRequest: 3), http, TimeProvider.System);

        await sink.SendAsync(Lines(10), CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(10, sink.LinesAcknowledged);
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriedAndAcknowledged()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => Interlocked.Increment(ref calls) <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base, MinBackoff: TimeSpan.FromMilliseconds(1)), http, TimeProvider.System);

        await sink.SendAsync(Lines(5), CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(5, sink.LinesAcknowledged);
        Assert.Equal(new OtlpLogFailures(3, 0, 0, 2), sink.Failures);
    }

    [Fact]
    public async Task SendAsync_BadRequest_NotRetriedAndCountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base, LinesPerRequest: 4), http, TimeProvider.System);

        await sink.SendAsync(Lines(6), CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(0, sink.LinesAcknowledged);
        Assert.Equal(new OtlpLogFailures(2, 2, 6, 0), sink.Failures);
    }

    [Fact]
    public async Task SendAsync_RetriesExhausted_CountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("connection refused"));
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base, MaxAttempts: 3, MinBackoff: TimeSpan.FromMilliseconds(1)), http, TimeProvider.System);

        await sink.SendAsync(Lines(2), CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new OtlpLogFailures(3, 1, 2, 2), sink.Failures);
    }

    [Fact]
    public async Task SendAsync_PartialSuccess_RejectedLinesCountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"no body"}}""", System.Text.Encoding.UTF8, "application/json"),
        });
        using var http = new HttpClient(handler);
        var sink = new OtlpLogSink(new OtlpLogSinkOptions(s_base), http, TimeProvider.System);

        await sink.SendAsync(Lines(5), CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(3, sink.LinesAcknowledged);
        Assert.Equal(new OtlpLogFailures(1, 0, 2, 0), sink.Failures);
    }

    [Fact]
    public async Task RunAsync_WithLogs_SendsEveryStepsWindow()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var metrics = Metrics();
        var logs = new SimulationLogs(new FleetLogGenerator(metrics), new OtlpLogSink(new OtlpLogSinkOptions(s_base), http, TimeProvider.System));

        var result = await new SimulationRunner(metrics, null, TimeProvider.System, logs).RunAsync(20, SimulationSpeed.Max, CancellationToken.None).WaitAsync(s_timeout);

        var expected = new FleetLogGenerator(metrics).Logs(StartMs, StartMs + (20 * 15_000)).Count;
        Assert.Equal(20, result.Steps);
        Assert.Equal(0, result.SamplesGenerated);
        Assert.Equal(expected, logs.LinesGenerated);
        Assert.Equal(expected, logs.Sink.LinesAcknowledged);
        Assert.Equal(20, handler.Requests.Count);
    }
}
