using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using Google.Protobuf;
using Snappier;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;
using WireMetadata = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.MetricMetadata;
using WireType = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.MetricMetadata.Types.MetricType;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Metadata in through remote_write, out through <c>/api/v1/metadata</c>, in one host.</summary>
public class MetadataApiTests
{
    private static byte[] Request(params WireMetadata[] metadata)
    {
        var request = new WriteRequest();
        request.Metadata.AddRange(metadata);
        return Snappy.CompressToArray(request.ToByteArray());
    }

    private static WireMetadata Meta(string family, WireType type, string help = "", string unit = "") =>
        new() { MetricFamilyName = family, Type = type, Help = help, Unit = unit };

    private static async Task<HttpClient> WithMetadataAsync(ObserveWebApplicationFactory factory)
    {
        var client = factory.CreateClient();
        using var response = await SendRawAsync(client, Request(
            Meta("DCGM_FI_DEV_GPU_TEMP", WireType.Gauge, "GPU temperature (in C)."),
            Meta("http_requests_total", WireType.Counter, "Requests."),
            Meta("http_requests_total", WireType.Counter, "Requests served."),
            Meta("rpc_duration_seconds", WireType.Histogram, "RPC latency.", "seconds"),
            Meta("flags", WireType.Stateset),
            Meta("gh", WireType.Gaugehistogram)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Metadata_AfterRemoteWrite_ReturnsEveryFamilyInPrometheusShape()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = await WithMetadataAsync(factory);

        var data = await PrometheusApi.DataAsync(client, "/api/v1/metadata");

        Assert.Equal(["DCGM_FI_DEV_GPU_TEMP", "flags", "gh", "http_requests_total", "rpc_duration_seconds"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""[{"type":"histogram","help":"RPC latency.","unit":"seconds"}]""", data.GetProperty("rpc_duration_seconds").GetRawText());
        Assert.Equal("""[{"type":"gauge","help":"GPU temperature (in C).","unit":""}]""", data.GetProperty("DCGM_FI_DEV_GPU_TEMP").GetRawText());
        Assert.Equal(2, data.GetProperty("http_requests_total").GetArrayLength());
        Assert.Equal("stateset", data.GetProperty("flags")[0].GetProperty("type").GetString());
        Assert.Equal("gaugehistogram", data.GetProperty("gh")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("?metric=http_requests_total", "http_requests_total", 2)]
    [InlineData("?metric=http_requests_total&limit_per_metric=1", "http_requests_total", 1)]
    [InlineData("?limit=2", "DCGM_FI_DEV_GPU_TEMP,flags", 1)]
    [InlineData("?metric=nope", "", 0)]
    [InlineData("?limit=0", "", 0)]
    [InlineData("?metric=gh&limit=-1", "gh", 1)]
    public async Task Metadata_Parameters_SelectAndLimit(string query, string families, int firstEntries)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = await WithMetadataAsync(factory);

        var data = await PrometheusApi.DataAsync(client, "/api/v1/metadata" + query);

        Assert.Equal(families, string.Join(',', data.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(firstEntries, data.EnumerateObject().Select(p => p.Value.GetArrayLength()).FirstOrDefault());
    }

    [Theory]
    [InlineData("limit=abc", "limit must be a number")]
    [InlineData("limit=1.5", "limit must be a number")]
    [InlineData("limit_per_metric=x", "limit_per_metric must be a number")]
    public async Task Metadata_BadLimit_Is400BadData(string query, string message)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/metadata?{query}", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_data", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Write_MalformedMetadata_Is400AndAppliesNothing()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        var valid = new WriteRequest
        {
            Timeseries = { new TimeSeries { Labels = { new Label { Name = "__name__", Value = "up" } }, Samples = { new Sample { Timestamp = 1000, Value = 1 } } } },
            Metadata = { Meta("up", WireType.Gauge, "Up.") },
        }.ToByteArray();
        byte[] broken = [0x1A, 0x05, 0x08, 0x01, 0x12, 0x01, 0xFF]; // metadata whose family name is not UTF-8

        using var response = await SendRawAsync(client, Snappy.CompressToArray([.. valid, .. broken]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await PrometheusApi.DataAsync(client, "/api/v1/metadata")).EnumerateObject());
        Assert.Empty((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=up")).EnumerateArray());
    }

    [Fact]
    public async Task OtlpMetrics_DescriptionAndUnit_BecomeMetadata()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        const string Body = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"train.step","unit":"s","description":"Step time.",
              "sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{"timeUnixNano":"1700000000000000000","asDouble":3}]}}]}]}]}
            """;
        using var content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/v1/metrics", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = await PrometheusApi.DataAsync(client, "/api/v1/metadata");
        Assert.Equal("""{"train_step_seconds_total":[{"type":"counter","help":"Step time.","unit":"seconds"}]}""", data.GetRawText());
    }
}
