using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The platform evaluates rule files itself: samples arrive by remote_write, the alert shows in /api/v1/alerts and
/// /api/v1/rules, and ALERTS is queryable; /-/reload swaps rules only when the new files are valid.
/// </summary>
public sealed class RulesApiTests : IDisposable
{
    private const string Rules = """
        groups:
          - name: gpu
            interval: 1s
            rules:
              - record: node:gpu_temp:max
                expr: max by (Hostname) (gpu_temp)
              - alert: GpuHot
                expr: node:gpu_temp:max > 85
                labels: { severity: L1 }
                annotations: { summary: "{{ $labels.Hostname }} at {{ $value }}°C" }
        """;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rules-api-");

    private string RuleFile => Path.Combine(_directory.FullName, "gpu.yml");

    [Fact]
    public async Task Alerts_SamplesOverThreshold_AlertFiresAndAlertsSeriesIsQueryable()
    {
        File.WriteAllText(RuleFile, Rules);
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        (await SendAsync(client, [Series("gpu_temp", [("Hostname", "node-7"), ("gpu", "3")], (now - 2000, 90), (now - 1000, 91))])).Dispose();

        using var found = await Eventually.ReturnsAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/alerts", UriKind.Relative)));
            var alerts = doc.RootElement.GetProperty("data").GetProperty("alerts");
            return alerts.GetArrayLength() > 0 ? JsonDocument.Parse(alerts[0].GetRawText()) : null;
        }, s_timeout, "the GpuHot alert");
        var alert = found.RootElement;

        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("GpuHot", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("L1", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("node-7 at 91°C", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("9.1e+01", alert.GetProperty("value").GetString());
        Assert.EndsWith("Z", alert.GetProperty("activeAt").GetString(), StringComparison.Ordinal);

        // Like Prometheus, ALERTS is written from the evaluation after for-state restore (the second one) on.
        using var query = await Eventually.ReturnsAsync(async () =>
        {
            var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/query?query=ALERTS", UriKind.Relative)));
            if (doc.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0)
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }, s_timeout, "the ALERTS series");
        var series = Assert.Single(query.RootElement.GetProperty("data").GetProperty("result").EnumerateArray());
        Assert.Equal("firing", series.GetProperty("metric").GetProperty("alertstate").GetString());
        Assert.Equal("node-7", series.GetProperty("metric").GetProperty("Hostname").GetString());

        using var rules = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rules?type=alert", UriKind.Relative)));
        var group = Assert.Single(rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray());
        Assert.Equal(1, group.GetProperty("interval").GetDouble());
        var rule = Assert.Single(group.GetProperty("rules").EnumerateArray());
        Assert.Equal(("alerting", "firing", "ok"), (rule.GetProperty("type").GetString(), rule.GetProperty("state").GetString(), rule.GetProperty("health").GetString()));
        Assert.Single(rule.GetProperty("alerts").EnumerateArray());

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("observe_rule_evaluations_total{rule_group=\"gpu\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("observe_rule_group_rules{rule_group=\"gpu\"} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sinks_FiringAlert_ReachesEveryRegisteredSinkWithExternalLabels()
    {
        File.WriteAllText(RuleFile, Rules);
        var sink = new RecordingSink();
        await using var factory = new ObserveWebApplicationFactory(configuration: new Dictionary<string, string?>
        {
            ["Alerting:RuleFiles:0"] = RuleFile,
            ["Alerting:ExternalLabels:cluster"] = "prod",
            ["Alerting:ExternalUrl"] = "http://observe.example:9470",
        });
        await using var withSink = factory.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IAlertSink>(sink)));
        using var client = withSink.CreateClient();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        (await SendAsync(client, [Series("gpu_temp", [("Hostname", "node-7"), ("gpu", "3")], (now - 1000, 95))])).Dispose();

        var alert = await Eventually.ReturnsAsync(() => Task.FromResult(sink.First), s_timeout, "an alert at the sink");
        Assert.Equal("GpuHot", alert.Labels["alertname"]);
        Assert.Equal("prod", alert.Labels["cluster"]);
        Assert.True(alert.EndsAt > alert.StartsAt);
        Assert.StartsWith("http://observe.example:9470/graph?g0.expr=", alert.GeneratorUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_BadType_Is400()
    {
        File.WriteAllText(RuleFile, Rules);
        await using var factory = Factory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/rules?type=bogus", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad_data", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BadFileKeepsOldRules_GoodFileSwapsThem()
    {
        File.WriteAllText(RuleFile, Rules);
        await using var factory = Factory();
        using var client = factory.CreateClient();

        File.WriteAllText(RuleFile, "groups:\n  - name: gpu\n    rules:\n      - alert: Broken\n        expr: sum(\n");
        using (var bad = await client.PostAsync(new Uri("/-/reload", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("could not parse expression", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(["node:gpu_temp:max", "GpuHot"], await RuleNamesAsync(client));

        File.WriteAllText(RuleFile, Rules.Replace("GpuHot", "GpuVeryHot", StringComparison.Ordinal));
        using (var good = await client.PostAsync(new Uri("/-/reload", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }

        Assert.Equal(["node:gpu_temp:max", "GpuVeryHot"], await RuleNamesAsync(client));
    }

    [Fact]
    public void Start_BadRuleFile_FailsWithTheErrors()
    {
        File.WriteAllText(RuleFile, "groups:\n  - name: gpu\n    rules:\n      - alert: Broken\n        expr: sum(\n");
        using var factory = Factory();
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("could not parse expression: 1:5: parse error: unclosed left parenthesis", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class RecordingSink : IAlertSink
    {
        private readonly ConcurrentQueue<PostableAlert> _alerts = new();

        public PostableAlert? First => _alerts.TryPeek(out var alert) ? alert : null;

        public ValueTask SendAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken)
        {
            foreach (var alert in alerts)
            {
                _alerts.Enqueue(alert);
            }

            return ValueTask.CompletedTask;
        }
    }

    private static async Task<string[]> RuleNamesAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/rules", UriKind.Relative)));
        return [.. doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("name").GetString()!)];
    }

    private ObserveWebApplicationFactory Factory() =>
        new(configuration: new Dictionary<string, string?> { ["Alerting:RuleFiles:0"] = Path.Combine(_directory.FullName, "*.yml") });
}
