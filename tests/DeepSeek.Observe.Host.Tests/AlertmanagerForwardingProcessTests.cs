using System.Text.Json;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The fourth must-show: <c>serve --alertmanager URL</c> forwards what its rules fire to a real Alertmanager
/// 0.25 on loopback, whose own webhook receiver then gets the alert.
/// </summary>
public sealed class AlertmanagerForwardingProcessTests : IDisposable
{
    // Fires at the first evaluation: no data, no `for`.
    private const string Rules = """
        groups:
          - name: forwarding
            interval: 1s
            rules:
              - alert: PlatformForwardingCheck
                expr: vector(1)
                labels:
                  severity: L3
                  layer: Business
                  deployment: e2e-check
                annotations:
                  summary: The platform forwards its alerts to Alertmanager
        """;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-forwarding-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Serve_WithAlertmanager_RealAlertmanagersWebhookGetsTheRulesAlert()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await RealAlertmanager.StartAsync(_workDirectory.FullName, receiver.Url, s_timeout);

        var rules = Path.Combine(_workDirectory.FullName, "forwarding.yml");
        await File.WriteAllTextAsync(rules, Rules);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(
            ["serve", "--urls", url, "--rules", rules, "--alertmanager", alertmanager.Url], _workDirectory.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        var request = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Accepted is [var first, ..] ? first : null), s_timeout, "Alertmanager's webhook");

        var payload = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(("4", "firing", "hook"), (payload.Str("version"), payload.Str("status"), payload.Str("receiver")));
        var alert = Assert.Single(payload.GetProperty("alerts").EnumerateArray());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["alertname"] = "PlatformForwardingCheck",
                ["severity"] = "L3",
                ["layer"] = "Business",
                ["deployment"] = "e2e-check",
            },
            alert.Labels());
        Assert.Equal("The platform forwards its alerts to Alertmanager", alert.GetProperty("annotations").Str("summary"));
        Assert.Equal("firing", alert.Str("status"));

        // Alertmanager's view of the alert starts when the platform's rule made it active.
        var platform = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"{url}/api/v1/alerts"))).RootElement;
        var rule = Assert.Single(platform.GetProperty("data").GetProperty("alerts").EnumerateArray());
        Assert.Equal(rule.GetProperty("activeAt").GetDateTimeOffset(), alert.GetProperty("startsAt").GetDateTimeOffset());
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }
}
