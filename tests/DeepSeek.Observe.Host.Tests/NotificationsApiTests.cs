using System.Net;
using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The notification outbox as the platform wires it: its API and its place under the data directory.</summary>
public class NotificationsApiTests
{
    [Fact]
    public async Task Notifications_FreshPlatform_EmptyOutboxUnderDataDirectory()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/notifications");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        Assert.Empty(json.RootElement.GetProperty("data").EnumerateArray());
        Assert.True(Directory.Exists(Path.Combine(factory.Settings.DataDirectory, "alerting", "outbox")));
    }

    [Fact]
    public async Task RetryDeadLetter_UnknownId_Is404()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/notifications/dead-letters/0123/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
