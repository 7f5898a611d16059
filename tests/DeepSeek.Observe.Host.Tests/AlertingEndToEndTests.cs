using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Testing;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The issue's second must-show through real processes: <c>simulate</c> overheats a GPU and sends the fleet over
/// remote_write to <c>serve</c>, which evaluates the shipped rule files and notifies through the shipped Alertmanager
/// configuration (timings shortened, <see cref="ShippedAlertingFiles"/>) to a webhook receiver on loopback.
/// </summary>
public sealed class AlertingEndToEndTests(ITestOutputHelper output) : IDisposable
{
    // A fleet whose thermal fault lands on a training GPU (checked below), so an L2 of its job can be inhibited.
    private const string Seed = "3";
    private const string L1 = "GpuTemperatureHigh";
    private const string L1Control = "GpuThermalThrottling";
    private const string L2 = "TrainingRankStraggler";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_repeatInterval = TimeSpan.FromSeconds(3);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-alerting-e2e-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly System.Diagnostics.Stopwatch _elapsed = System.Diagnostics.Stopwatch.StartNew();

    [Fact]
    public async Task Serve_SimulatedGpuOverheating_L1NotifiedL2InhibitedAndSilenceSuppresses()
    {
        await using var oncall = await WebhookReceiver.StartAsync("/alerts/oncall");
        await using var business = await WebhookReceiver.StartAsync("/alerts/business");
        var rules = ShippedAlertingFiles.CopyRules(Path.Combine(_workDirectory.FullName, "rules"));
        var config = ShippedAlertingFiles.WriteNotificationConfig(
            Path.Combine(_workDirectory.FullName, "alertmanager.yml"),
            new Dictionary<string, Uri>
            {
                ["http://127.0.0.1:9099/alerts/oncall"] = oncall.Url,
                ["http://127.0.0.1:9099/alerts/business"] = business.Url,
            },
            s_repeatInterval);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url, "--rules", rules, "--notification-config", config], _workDirectory.FullName);
        try
        {
            await Readiness.WaitAsync(_http, url, serve, s_timeout);
            Log("serve ready");
            await RunAsync(url, oncall, business);
        }
        finally
        {
            // What the platform said, for whoever reads a failure.
            output.WriteLine(serve.StandardOutput);
            output.WriteLine(serve.StandardError);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    private async Task RunAsync(string url, WebhookReceiver oncall, WebhookReceiver business)
    {
        // 14 minutes of history at once, then real time: the fault holds the middle third of the 30 minutes, so it
        // began 4 minutes ago and the GPU has been fully hot (the ramp takes 2) for 2 minutes.
        var truthFile = Path.Combine(_workDirectory.FullName, "truth.json");
        var start = (TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(14)).ToUnixTimeSeconds() / 15 * 15;
        await using var simulate = ChildProcess.StartHost(
            ["simulate", "--nodes", "4", "--jobs", "1", "--deployments", "1", "--seed", Seed, "--scenario", "thermal-throttling",
             "--duration", "30m", "--step", "15s", "--start", start.ToString(CultureInfo.InvariantCulture),
             "--target", $"{url}/api/v1/write", "--ground-truth", truthFile],
            _workDirectory.FullName);
        var fault = Assert.Single((await ReadGroundTruthAsync(truthFile, simulate)).Faults);
        Assert.Equal((FaultKind.ThermalThrottling, EntityKind.Gpu), (fault.Kind, fault.Root.Kind));
        var (host, gpu) = (fault.Root.Segments[0], fault.Root.Segments[1]);
        var job = fault.Affected.SingleOrDefault(e => e.Kind == EntityKind.TrainJob).Segments is [var name, ..] ? name : null;
        Assert.True(job is not null, $"seed {Seed} must put the fault on a training GPU: {fault.Description}");
        Log($"fault on {fault.Root}, job {job}");

        // The L1 reaches the receiver as Alertmanager's webhook v4 payload, naming the hot GPU and its job.
        var first = await Eventually.ReturnsAsync(() => Task.FromResult(Delivered(oncall, L1, host) is [var alert, ..] ? alert : null), s_timeout, $"{L1} for {host} at the webhook");
        Log($"{L1} delivered");
        Assert.Equal(("4", "firing", "oncall-webhook"), (first.Payload.Str("version"), first.Payload.Str("status"), first.Payload.Str("receiver")));
        Assert.Equal("firing", first.Alert.Str("status"));
        var labels = first.Alert.Labels();
        Assert.Equal((L1, "L1", "Hardware"), (labels["alertname"], labels["severity"], labels["layer"]));
        Assert.Equal((host, gpu, job), (labels["Hostname"], labels["gpu"], labels["train_job"]));
        Assert.Equal(
            new Dictionary<string, string> { ["alertname"] = L1, ["Hostname"] = host, ["train_job"] = job },
            first.Payload.GetProperty("groupLabels").ToMap());
        Assert.Equal($"GPU {gpu} on {host} is at", first.Alert.GetProperty("annotations").Str("summary")![..$"GPU {gpu} on {host} is at".Length]);
        Assert.Equal("docs/runbooks.md#gputemperaturehigh", first.Alert.GetProperty("annotations").Str("runbook_url"));

        // The job's L2 on the same node fires, and is held back by the L1s of the node.
        var straggler = await Eventually.ReturnsAsync(
            async () => (await AlertsAsync(url, L2, host)).FirstOrDefault(a => a.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength() > 0) is { ValueKind: JsonValueKind.Object } a ? new Box(a) : null,
            s_timeout,
            $"{L2} on {host} inhibited");
        Log($"{L2} inhibited");
        Assert.Equal("suppressed", straggler.Value.GetProperty("status").Str("state"));
        Assert.Equal((job, "L2"), (straggler.Value.Labels()["train_job"], straggler.Value.Labels()["severity"]));
        var l1OnHost = (await AlertsAsync(url, null, host)).Where(a => a.Labels()["severity"] == "L1").Select(a => a.Str("fingerprint")).ToHashSet();
        Assert.All(straggler.Value.GetProperty("status").GetProperty("inhibitedBy").EnumerateArray(), f => Assert.Contains(f.GetString(), l1OnHost));

        // Unsilenced, the L1 is notified again every repeat_interval.
        await Eventually.ReturnsAsync(() => Task.FromResult(Delivered(oncall, L1, host).Count >= 2 ? oncall : null), s_timeout, $"{L1} repeated");
        Log($"{L1} repeated");
        var silenceId = await SilenceAsync(url, L1, host, gpu);
        await Eventually.ReturnsAsync(
            async () => (await AlertsAsync(url, L1, host)).Any(a => a.GetProperty("status").GetProperty("silencedBy").EnumerateArray().Any(s => s.GetString() == silenceId)) ? this : null,
            s_timeout,
            $"{L1} silenced");
        Log($"{L1} silenced");

        // What was decided before the silence may still be on its way: one group_interval and a delivery.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var silencedCount = Delivered(oncall, L1, host).Count;
        var controlCount = Delivered(oncall, L1Control, host).Count;
        await Task.Delay((2 * s_repeatInterval) + TimeSpan.FromSeconds(1));

        Log("silent window over");
        Assert.Equal(silencedCount, Delivered(oncall, L1, host).Count);
        // The pipeline kept notifying meanwhile: the other L1 on the GPU, not silenced, was repeated.
        Assert.True(Delivered(oncall, L1Control, host).Count > controlCount, $"{L1Control} was not repeated during the silence");
        var active = await AlertsAsync(url, L1, host);
        Assert.Contains(active, a => a.GetProperty("status").Str("state") == "suppressed");
        Assert.Empty(Delivered(oncall, L2, host));
        Assert.Empty(Delivered(business, L2, host));
    }

    private void Log(string what) => output.WriteLine($"{_elapsed.Elapsed.TotalSeconds,6:F1} s: {what}");

    private static async Task<GroundTruth> ReadGroundTruthAsync(string file, ChildProcess simulate) =>
        await Eventually.ReturnsAsync(
            () =>
            {
                if (simulate.HasExited)
                {
                    throw new InvalidOperationException($"simulate exited early:\n{simulate.StandardOutput}\n{simulate.StandardError}");
                }

                try
                {
                    return Task.FromResult(File.Exists(file) ? GroundTruth.FromJson(File.ReadAllText(file)) : null);
                }
                catch (JsonException)
                {
                    // Still being written.
                    return Task.FromResult<GroundTruth?>(null);
                }
            },
            s_timeout,
            "the ground truth file");

    /// <summary>Every alert named <paramref name="alertname"/> on <paramref name="host"/> in the receiver's 2xx deliveries.</summary>
    private static List<DeliveredAlert> Delivered(WebhookReceiver receiver, string alertname, string host) =>
        [.. from request in receiver.Accepted
            let payload = JsonDocument.Parse(request.Body).RootElement
            from alert in payload.GetProperty("alerts").EnumerateArray()
            let labels = alert.Labels()
            where labels.GetValueOrDefault("alertname") == alertname && labels.GetValueOrDefault("Hostname") == host
            select new DeliveredAlert(payload, alert)];

    private async Task<List<JsonElement>> AlertsAsync(string url, string? alertname, string host)
    {
        var filter = $"filter={Uri.EscapeDataString($"Hostname=\"{host}\"")}";
        if (alertname is not null)
        {
            filter += $"&filter={Uri.EscapeDataString($"alertname=\"{alertname}\"")}";
        }

        var alerts = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"{url}/api/v2/alerts?{filter}"))).RootElement;
        return [.. alerts.EnumerateArray()];
    }

    private async Task<string> SilenceAsync(string url, string alertname, string host, string gpu)
    {
        var now = TimeProvider.System.GetUtcNow();
        var body = JsonSerializer.Serialize(new
        {
            matchers = new[]
            {
                new { name = "alertname", value = alertname, isRegex = false, isEqual = true },
                new { name = "Hostname", value = host, isRegex = false, isEqual = true },
                new { name = "gpu", value = gpu, isRegex = false, isEqual = true },
            },
            startsAt = now,
            endsAt = now.AddHours(1),
            createdBy = "alerting end-to-end test",
            comment = "fan replacement scheduled",
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri($"{url}/api/v2/silences"), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Str("silenceID")!;
    }

    private sealed record Box(JsonElement Value);

    private sealed record DeliveredAlert(JsonElement Payload, JsonElement Alert);
}
