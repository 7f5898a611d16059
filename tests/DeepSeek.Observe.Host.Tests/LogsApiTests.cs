using System.Net;
using System.Text;
using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Log receivers and <c>/api/v1/logs</c> in memory: round trips, normalisation, parameters and refusals.</summary>
public class LogsApiTests
{
    private const string LokiBody = """
        {"streams":[{"stream":{"job":"api","namespace":"ml","pod":"router-0","level":"error"},"values":[
          ["1700000000000000001","upstream timeout"],["1700000000000000002","retrying",{"attempt":"2"}],["1700000000000000003","upstream timeout again"]]}]}
        """;

    [Fact]
    public async Task LokiJsonPush_ThenQuery_ReturnsLinesNewestFirstFilteredByContains()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var push = await client.PostAsync("/loki/api/v1/push", new StringContent(LokiBody, Encoding.UTF8, "application/json"));
        var data = await PrometheusApi.DataAsync(client, $"/api/v1/logs?match={Uri.EscapeDataString("{job=\"api\"}")}&start=1700000000&end=1700000001&contains=timeout");

        Assert.Equal(HttpStatusCode.NoContent, push.StatusCode);
        var stream = Assert.Single(data.GetProperty("result").EnumerateArray());
        Assert.Equal("router-0", stream.GetProperty("stream").GetProperty("pod").GetString());
        var values = stream.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(["1700000000000000003", "1700000000000000001"], values.Select(v => v[0].GetString()));
        Assert.Equal("upstream timeout", values[1][1].GetString());
    }

    [Fact]
    public async Task LokiJsonPush_StreamLabels_AreNormalisedIntoEntities()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        using var push = await client.PostAsync("/loki/api/v1/push", new StringContent(LokiBody, Encoding.UTF8, "application/json"));

        var entities = (await PrometheusApi.DataAsync(client, "/api/v1/entities")).EnumerateArray().ToList();

        var pod = Assert.Single(entities, e => e.GetProperty("id").GetString() == "pod/ml/router-0");
        Assert.Equal(1, pod.GetProperty("logStreams").GetInt32());
        Assert.Equal(0, pod.GetProperty("series").GetInt32());
    }

    [Fact]
    public async Task OtlpJsonLogs_ThenQuery_MapsResourceAndSeverity()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        const string body = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"trainer"}},
              {"key":"k8s.pod.name","value":{"stringValue":"trainer-0"}},{"key":"k8s.namespace.name","value":{"stringValue":"ml"}}]},
              "scopeLogs":[{"logRecords":[
                {"timeUnixNano":"1700000000000000000","severityNumber":17,"body":{"stringValue":"loss is NaN"}},
                {"timeUnixNano":"1700000000000000001"}]}]}]}
            """;

        using var response = await client.PostAsync("/v1/logs", new StringContent(body, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var streams = await LogsApi.QueryAsync(client, string.Empty, "{job=\"trainer\", level=\"error\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", json.RootElement.GetProperty("partialSuccess").GetProperty("rejectedLogRecords").ToString());
        var (stream, lines) = Assert.Single(streams);
        Assert.Equal("trainer-0", stream.GetProperty("pod").GetString());
        Assert.Equal(["loss is NaN"], lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("match=up{&start=0")]
    [InlineData("match={job=\"a\"}&start=yesterday")]
    [InlineData("match={job=\"a\"}&start=10&end=5")]
    [InlineData("match={job=\"a\"}&limit=0")]
    [InlineData("match={job=\"a\"}&limit=5001")]
    [InlineData("match={job=\"a\"}&direction=sideways")]
    [InlineData("match={job=~\".*\"}")]
    public async Task Query_BadParameters_Returns400WithPrometheusError(string query)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/v1/logs?{query}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("bad_data", json.RootElement.GetProperty("errorType").GetString());
    }

    [Theory]
    [InlineData("/loki/api/v1/push", "application/json", "{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"ok\"],[\"x\",\"bad\"]]}]}", HttpStatusCode.BadRequest)]
    [InlineData("/loki/api/v1/push", "application/json", "{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"ok\"]]}", HttpStatusCode.BadRequest)]
    [InlineData("/loki/api/v1/push", "application/x-protobuf", "not snappy at all", HttpStatusCode.BadRequest)]
    [InlineData("/loki/api/v1/push", "text/plain", "hello", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/v1/logs", "application/json", "{\"resourceLogs\":[", HttpStatusCode.BadRequest)]
    [InlineData("/v1/logs", "application/x-protobuf", "\u0008\u0001garbage", HttpStatusCode.BadRequest)]
    public async Task Malformed_Returns4xxAndStoresNothing(string path, string contentType, string body, HttpStatusCode expected)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await client.PostAsync(path, content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await LogsApi.CountAsync(client, string.Empty));
    }

    [Theory]
    [InlineData("/loki/api/v1/push")]
    [InlineData("/v1/logs")]
    public async Task LineOverLimit_Returns400AndStoresNoLineOfTheRequest(string path)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        var tooLong = new string('x', 256 * 1024 + 1);
        var body = path.StartsWith("/loki", StringComparison.Ordinal)
            ? $"{{\"streams\":[{{\"stream\":{{\"job\":\"a\"}},\"values\":[[\"1\",\"ok\"],[\"2\",\"{tooLong}\"]]}}]}}"
            : $"{{\"resourceLogs\":[{{\"scopeLogs\":[{{\"logRecords\":[{{\"timeUnixNano\":\"1\",\"body\":{{\"stringValue\":\"ok\"}}}},{{\"timeUnixNano\":\"2\",\"body\":{{\"stringValue\":\"{tooLong}\"}}}}]}}]}}]}}";

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MaxLogLineBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LogsApi.CountAsync(client, string.Empty));
    }
}
