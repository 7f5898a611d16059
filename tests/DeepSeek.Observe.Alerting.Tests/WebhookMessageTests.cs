using System.Text.Json;
using DeepSeek.Observe.Alerting.Notifications;

namespace DeepSeek.Observe.Alerting.Tests;

public sealed class WebhookMessageTests
{
    [Fact]
    public void Serialize_UsesAlertmanagerV4FieldNames()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "GpuTemperatureHigh" };
        var message = new WebhookMessage(
            "oncall",
            "firing",
            [new WebhookAlert("firing", labels, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.MinValue, "http://x/graph", "0123456789abcdef")],
            labels,
            labels,
            new Dictionary<string, string>(),
            "http://observe:9090",
            WebhookMessage.CurrentVersion,
            "{}:{alertname=\"GpuTemperatureHigh\"}",
            0);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(message));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["alerts", "commonAnnotations", "commonLabels", "externalURL", "groupKey", "groupLabels", "receiver", "status", "truncatedAlerts", "version"],
            names);
        var alert = json.RootElement.GetProperty("alerts")[0];
        Assert.Equal(
            ["annotations", "endsAt", "fingerprint", "generatorURL", "labels", "startsAt", "status"],
            alert.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("4", json.RootElement.GetProperty("version").GetString());
    }
}
