using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>
/// deploy/alertmanager/alertmanager.yml through the real amtool and Alertmanager 0.25: routing by severity, and the
/// inhibit rules (an L1 on a node or on a workload's GPU mutes that node's and that workload's L2/L3, nothing else).
/// </summary>
public sealed class AlertmanagerConfigTests : IDisposable
{
    private const string ConfigPath = "deploy/alertmanager/alertmanager.yml";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "alertmanager-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("L1", "oncall-webhook")]
    [InlineData("L2", "oncall-webhook")]
    [InlineData("L3", "business-webhook")]
    public async Task Routes_BySeverity_ReachTheirReceiver(string severity, string receiver)
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            "amtool", ["config", "routes", "test", $"--config.file={ConfigPath}", $"--verify.receivers={receiver}", $"severity={severity}", "alertname=Any"],
            s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"amtool config routes test exited {exitCode}:\n{stdout}{stderr}");
        Assert.Equal(receiver, stdout.Trim());
    }

    [Fact]
    public async Task InhibitRules_L1OnNodeOrJob_MuteItsL2AndL3Only()
    {
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        await using var alertmanager = ChildProcess.Start(
            "prometheus-alertmanager",
            [$"--config.file={RepositoryLayout.PathOf(ConfigPath)}", $"--storage.path={_storage}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
            RepositoryLayout.Root);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Readiness.WaitAsync(http, url, alertmanager, s_timeout);

        JsonArray alerts =
        [
            Alert("GpuTemperatureHigh", "L1", ("Hostname", "node-a"), ("gpu", "0"), ("namespace", "training"), ("train_job", "job-a")),
            Alert("NodeNetworkMtuMismatch", "L1", ("Hostname", "node-d")),
            // Same node as the hot GPU.
            Alert("TrainingRankStraggler", "L2", ("Hostname", "node-a"), ("namespace", "training"), ("train_job", "job-a"), ("rank", "3")),
            // The hot GPU's job, on no node in particular.
            Alert("TrainingStepTimeAboveBaseline", "L2", ("namespace", "training"), ("train_job", "job-a")),
            // Another node and job: not inhibited.
            Alert("TrainingRankStraggler", "L2", ("Hostname", "node-b"), ("namespace", "training"), ("train_job", "job-b"), ("rank", "0")),
            // No train_job on either side must not count as the same job.
            Alert("InferenceErrorRateHigh", "L3", ("namespace", "inference"), ("deployment", "chat")),
        ];
        using (var response = await http.PostAsJsonAsync(new Uri($"{url}/api/v2/alerts"), alerts))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var states = await Eventually.ReturnsAsync(
            async () =>
            {
                var got = JsonNode.Parse(await http.GetStringAsync(new Uri($"{url}/api/v2/alerts")))!.AsArray();
                return got.Count == alerts.Count ? got : null;
            },
            s_timeout,
            "all alerts listed");

        string State(string alertname, string label, string value) => states
            .Single(a => (string?)a!["labels"]!["alertname"] == alertname && (string?)a["labels"]![label] == value)!["status"]!["state"]!.GetValue<string>();

        Assert.Equal("suppressed", State("TrainingRankStraggler", "Hostname", "node-a"));
        Assert.Equal("suppressed", State("TrainingStepTimeAboveBaseline", "train_job", "job-a"));
        Assert.Equal("active", State("TrainingRankStraggler", "Hostname", "node-b"));
        Assert.Equal("active", State("InferenceErrorRateHigh", "deployment", "chat"));
        Assert.Equal("active", State("GpuTemperatureHigh", "Hostname", "node-a"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private static JsonObject Alert(string name, string severity, params (string Name, string Value)[] labels)
    {
        var set = new JsonObject { ["alertname"] = name, ["severity"] = severity };
        foreach (var (label, value) in labels)
        {
            set[label] = value;
        }

        return new JsonObject { ["labels"] = set, ["annotations"] = new JsonObject { ["summary"] = name } };
    }
}
