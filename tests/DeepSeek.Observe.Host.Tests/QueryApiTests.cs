using System.Net;
using System.Text.Json;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>/api/v1/query and /api/v1/query_range in one host: Prometheus's JSON shapes and error types.</summary>
public class QueryApiTests
{
    private static async Task<(ObserveWebApplicationFactory Factory, HttpClient Client)> StartAsync()
    {
        var factory = new ObserveWebApplicationFactory();
        var client = factory.CreateClient();
        (await SendAsync(client,
        [
            Series("temp", [("gpu", "0")], (1_700_000_000_000, 61), (1_700_000_060_000, 62.5)),
            Series("temp", [("gpu", "1")], (1_700_000_000_000, 64), (1_700_000_060_000, 65)),
        ])).Dispose();
        return (factory, client);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Query_InstantVectorAndScalar_HavePrometheusShapes()
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        using var __ = client;

        var vector = await GetAsync(client, "/api/v1/query?query=sum(temp)&time=1700000060.5");
        var scalar = await GetAsync(client, "/api/v1/query?query=1%2B1&time=1700000060");

        Assert.Equal(HttpStatusCode.OK, vector.Status);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1700000060.500,\"127.5\"]}]}}", vector.Body);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000060,\"2\"]}}", scalar.Body);
    }

    [Fact]
    public async Task QueryRange_PostForm_ReturnsMatrixSortedByLabels()
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        using var __ = client;

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = "temp",
            ["start"] = "1700000000",
            ["end"] = "1700000060",
            ["step"] = "1m",
        });
        using var response = await client.PostAsync(new Uri("/api/v1/query_range", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
            + "{\"metric\":{\"__name__\":\"temp\",\"gpu\":\"0\"},\"values\":[[1700000000,\"61\"],[1700000060,\"62.5\"]]},"
            + "{\"metric\":{\"__name__\":\"temp\",\"gpu\":\"1\"},\"values\":[[1700000000,\"64\"],[1700000060,\"65\"]]}]}}",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/query?query=sum(", 400, "bad_data")]
    [InlineData("/api/v1/query", 400, "bad_data")]
    [InlineData("/api/v1/query?query=up&time=yesterday", 400, "bad_data")]
    [InlineData("/api/v1/query?query=up&time=1e30", 400, "bad_data")]
    [InlineData("/api/v1/query?query=up&time=1&timeout=soon", 400, "bad_data")]
    [InlineData("/api/v1/query?query=topk(1e300,temp)&time=1700000060", 422, "execution")]
    [InlineData("/api/v1/query?query=count_values(%22__bad%20name%22,temp)&time=1700000060", 422, "execution")]
    [InlineData("/api/v1/query?query=rate(temp)", 400, "bad_data")]
    [InlineData("/api/v1/query_range?query=temp&start=1&end=100000&step=1", 400, "bad_data")]
    [InlineData("/api/v1/query_range?query=temp&start=10&end=1&step=1", 400, "bad_data")]
    [InlineData("/api/v1/query_range?query=temp&start=1&end=10&step=0", 400, "bad_data")]
    [InlineData("/api/v1/query_range?query=temp&start=1&end=10&step=x", 400, "bad_data")]
    [InlineData("/api/v1/query_range?query=temp[5m]&start=1&end=10&step=1", 400, "bad_data")]
    [InlineData("/api/v1/query?query=temp%2Bon(__name__)temp&time=1700000060", 422, "execution")]
    [InlineData("/api/v1/query?query=label_replace(temp,%22a%22,%22%22,%22b%22,%22(%22)&time=1700000060", 422, "execution")]
    public async Task Query_BadInput_IsAPrometheusErrorNeverA500(string path, int status, string errorType)
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        using var __ = client;

        var (code, body) = await GetAsync(client, path);

        Assert.Equal(status, (int)code);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(errorType, json.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Query_ParseError_CarriesTheParsersMessage()
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        using var __ = client;

        var (_, body) = await GetAsync(client, "/api/v1/query?query=sum(");

        Assert.Contains("invalid parameter \\\"query\\\": 1:", body, StringComparison.Ordinal);
        Assert.Contains("parse error", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_PastQueryTimeout_IsTimeout503()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var timedOut = factory.WithWebHostBuilder(web => web.UseSetting("Query:Timeout", "00:00:00"));
        using var client = timedOut.CreateClient();

        var (code, body) = await GetAsync(client, "/api/v1/query?query=up&time=1700000060");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, code);
        Assert.Equal("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query execution\"}", body);
    }

    [Fact]
    public async Task Query_MaxSamplesExceeded_IsExecutionError()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var limited = factory.WithWebHostBuilder(web => web.UseSetting("Query:MaxSamples", "3"));
        using var limitedClient = limited.CreateClient();
        (await SendAsync(limitedClient, [Series("many", [], (1_700_000_000_000, 1), (1_700_000_010_000, 2), (1_700_000_020_000, 3), (1_700_000_030_000, 4))])).Dispose();

        var (code, body) = await GetAsync(limitedClient, "/api/v1/query?query=many[1m]&time=1700000030");

        Assert.Equal(422, (int)code);
        Assert.Contains("query processing would load too many samples into memory in query execution", body, StringComparison.Ordinal);
    }
}
