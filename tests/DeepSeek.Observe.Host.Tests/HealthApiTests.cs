using System.Net;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

public class HealthApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Healthy_ProcessUp_Returns200()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/-/healthy").WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DeepSeek.Observe is Healthy.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_EmbeddedStoreAndInMemoryBus_Returns200NamingEachDependency()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        var body = await ReadyBodyAsync(client, HttpStatusCode.OK);

        Assert.StartsWith("DeepSeek.Observe is Ready.", body, StringComparison.Ordinal);
        Assert.Contains($"store: Healthy: embedded store at {factory.Settings.DataDirectory}", body, StringComparison.Ordinal);
        Assert.Contains("bus: Healthy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_PostgresAndRabbitMq_Returns200()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new ObserveWebApplicationFactory(database.ConnectionString, TestServers.RabbitMq);
        using var client = factory.CreateClient();

        var body = await ReadyBodyAsync(client, HttpStatusCode.OK);

        Assert.Contains("postgres: Healthy: PostgreSQL (Host=127.0.0.1", body, StringComparison.Ordinal);
        Assert.Contains("store: Healthy: embedded store", body, StringComparison.Ordinal);
        Assert.Contains(database.Name, body, StringComparison.Ordinal);
        Assert.Contains("bus: Healthy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_RabbitMqUnreachable_Returns503WithReason()
    {
        await using var factory = new ObserveWebApplicationFactory(rabbitMq: $"amqp://guest:guest@127.0.0.1:{FreePort.Next()}/");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/-/ready").WaitAsync(s_timeout);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("DeepSeek.Observe is not ready.", body, StringComparison.Ordinal);
        Assert.Contains("bus: Unhealthy: ", body, StringComparison.Ordinal);
        Assert.Contains("store: Healthy", body, StringComparison.Ordinal);
    }

    /// <summary>The bus connects asynchronously after start-up, so readiness is polled as a kubelet would.</summary>
    private static async Task<string> ReadyBodyAsync(HttpClient client, HttpStatusCode expected)
    {
        string? last = null;
        var body = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await client.GetAsync("/-/ready");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                return response.StatusCode == expected ? await response.Content.ReadAsStringAsync() : null;
            },
            s_timeout,
            $"/-/ready to answer {(int)expected}");
        Assert.NotNull(last);
        return body;
    }
}
