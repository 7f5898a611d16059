using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>OTLP/HTTP metrics into the platform, from the real OpenTelemetry .NET SDK exporter and from raw bodies.</summary>
public class OtlpMetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OpenTelemetrySdk_HttpProtobufExporter_MetricsAreQueryableWithPrometheusNames()
    {
        // A real server: the SDK's exporter sends synchronously, as it does in production, over a real socket.
        var work = Directory.CreateTempSubdirectory("observe-otlp-");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await using var serve = ChildProcess.StartHost(["serve", "--urls", url], work.FullName);
            await Readiness.WaitAsync(client, url, serve, s_timeout);
            using var meter = new Meter($"test.training.{Guid.NewGuid():N}");
            var tokens = meter.CreateCounter<long>("train.tokens", "{token}");
            var stepTime = meter.CreateHistogram<double>("train.step.duration", "s");
            meter.CreateObservableGauge("gpu.temperature", () => new Measurement<double>(71.5, new KeyValuePair<string, object?>("gpu", "0")), "Cel");

            using (var provider = Sdk.CreateMeterProviderBuilder()
                .AddMeter(meter.Name)
                .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("trainer", "llm", serviceInstanceId: "rank-0")
                    .AddAttributes([new KeyValuePair<string, object>("host.name", "gpu-node-7")]))
                .AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = new Uri($"{url}/v1/metrics");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                })
                .Build())
            {
                tokens.Add(4096, new KeyValuePair<string, object?>("train_job", "llama"));
                stepTime.Record(0.82, new KeyValuePair<string, object?>("train_job", "llama"));
                stepTime.Record(1.7, new KeyValuePair<string, object?>("train_job", "llama"));
                Assert.True(provider.ForceFlush(30_000), $"the SDK could not export:\n{serve.StandardOutput}{serve.StandardError}");
            }

            var counter = Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=train_tokens_total")).EnumerateArray());
            Assert.Equal("llm/trainer", counter.GetProperty("job").GetString());
            Assert.Equal("rank-0", counter.GetProperty("instance").GetString());
            Assert.Equal("llama", counter.GetProperty("train_job").GetString());
            Assert.Single((await PrometheusApi.DataAsync(client, $"/api/v1/series?match[]={Uri.EscapeDataString("gpu_temperature_celsius{gpu=\"0\"}")}")).EnumerateArray());
            Assert.Single((await PrometheusApi.DataAsync(client, $"/api/v1/series?match[]={Uri.EscapeDataString("train_step_duration_seconds_bucket{le=\"+Inf\"}")}")).EnumerateArray());
            Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=train_step_duration_seconds_count")).EnumerateArray());
            var info = Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=target_info")).EnumerateArray());
            Assert.Equal("gpu-node-7", info.GetProperty("host_name").GetString());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Json_GaugeAndDeltaSum_StoresGaugeAndReportsPartialSuccess()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        const string body = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"router"}}]},
              "scopeMetrics":[{"metrics":[
                {"name":"queue.depth","unit":"{request}","gauge":{"dataPoints":[
                  {"attributes":[{"key":"deployment","value":{"stringValue":"vllm"}}],"timeUnixNano":"1700000000000000000","asInt":"42"}]}},
                {"name":"requests","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
                  {"timeUnixNano":"1700000000000000000","asInt":"7"}]}}
              ]}]}]}
            """;

        using var response = await client.PostAsync("/v1/metrics", new StringContent(body, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partial = json.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedDataPoints").ToString());
        Assert.Contains("delta", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        var gauge = Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=queue_depth")).EnumerateArray());
        Assert.Equal("router", gauge.GetProperty("job").GetString());
    }

    [Fact]
    public async Task Protobuf_Gzip_IsAccepted()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        var request = new Ingest.Protocol.Otlp.ExportMetricsServiceRequest();
        var metric = new Ingest.Protocol.Otlp.Metric { Name = "up", Gauge = new Ingest.Protocol.Otlp.Gauge() };
        metric.Gauge.DataPoints.Add(new Ingest.Protocol.Otlp.NumberDataPoint { TimeUnixNano = 1_700_000_000_000_000_000, AsDouble = 1 });
        var scope = new Ingest.Protocol.Otlp.ScopeMetrics();
        scope.Metrics.Add(metric);
        var resource = new Ingest.Protocol.Otlp.ResourceMetrics();
        resource.ScopeMetrics.Add(scope);
        request.ResourceMetrics.Add(resource);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Google.Protobuf.MessageExtensions.ToByteArray(request));
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await client.PostAsync("/v1/metrics", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=up")).EnumerateArray());
    }

    [Theory]
    [InlineData("application/x-protobuf", null, "\u0008\u0001garbage", HttpStatusCode.BadRequest)]
    [InlineData("application/json", null, "{\"resourceMetrics\": [", HttpStatusCode.BadRequest)]
    [InlineData("application/x-protobuf", "gzip", "not gzip", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", null, "hello", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-protobuf", "br", "x", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", null, "", HttpStatusCode.BadRequest)]
    [InlineData("application/json", null, "[]", HttpStatusCode.BadRequest)]
    [InlineData("application/json", null, "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"asInt\":\"abc\"}]}}]}]}]}", HttpStatusCode.BadRequest)]
    public async Task Malformed_Returns4xxWithStatusAndStoresNothing(string contentType, string? encoding, string body, HttpStatusCode expected)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        using var response = await client.PostAsync("/v1/metrics", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty((await PrometheusApi.DataAsync(client, $"/api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\".+\"}")}")).EnumerateArray());
    }
}
