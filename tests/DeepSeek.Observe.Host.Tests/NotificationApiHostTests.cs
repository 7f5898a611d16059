using System.Net;
using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The notification pipeline as the host composes it: an alert sink for the rules, and Alertmanager's API.</summary>
public class NotificationApiHostTests
{
    [Fact]
    public async Task AlertSink_SentAlert_IsListedByApi()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        var labels = LabelSet.Create(new Label("alertname", "GpuOverheating"), new Label("node", "n1"));

        foreach (var sink in factory.Services.GetServices<IAlertSink>())
        {
            await sink.SendAsync([new PostableAlert(labels, LabelSet.Empty, default, null, "http://observe/graph")], CancellationToken.None);
        }

        using var alerts = JsonDocument.Parse(await client.GetStringAsync("/api/v2/alerts"));
        var alert = Assert.Single(alerts.RootElement.EnumerateArray());
        Assert.Equal("n1", alert.GetProperty("labels").GetProperty("node").GetString());
        Assert.Equal("default", alert.GetProperty("receivers")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task PostSilence_IsSavedUnderTheDataDirectory()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v2/silences", new StringContent(
            """{"matchers":[{"name":"node","value":"n1","isRegex":false}],"startsAt":"2020-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"ops","comment":"swap"}""",
            Encoding.UTF8,
            "application/json"));
        using var invalid = await client.PostAsync("/api/v2/alerts", new StringContent("[{\"labels\":{}}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.Settings.DataDirectory, "alerting", NotificationExtensions.SilencesFileName)));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
