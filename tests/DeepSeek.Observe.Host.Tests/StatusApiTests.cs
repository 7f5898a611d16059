using System.Net;
using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

public class StatusApiTests
{
    [Fact]
    public async Task BuildInfo_ReturnsPrometheusShape()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/status/buildinfo");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        var data = json.RootElement.GetProperty("data");
        foreach (var field in new[] { "version", "revision", "branch", "buildUser", "buildDate", "goVersion" })
        {
            Assert.Equal(JsonValueKind.String, data.GetProperty(field).ValueKind);
        }

        Assert.Matches(@"^\d+\.\d+\.\d+", data.GetProperty("version").GetString());
        Assert.StartsWith(".NET ", data.GetProperty("goVersion").GetString(), StringComparison.Ordinal);
    }
}
