using System.Text.Json;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary><c>serve --demo</c> as a process: the in-process fleet reaches the store through the real HTTP receivers.</summary>
public sealed class DemoProcessTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-demo-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ServeDemo_FleetDataArrivesAndFaultsAreReported()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        // A fast demo: 1 s steps, a fault every 8 s, 20 s of backfill.
        await using var serve = ChildProcess.StartHost(
            ["serve", "--demo", "--urls", url, "--data", Path.Combine(_workDirectory.FullName, "data")],
            _workDirectory.FullName,
            new Dictionary<string, string?> { ["Demo__Nodes"] = "4", ["Demo__Step"] = "00:00:01", ["Demo__FaultEvery"] = "00:00:08", ["Demo__Backfill"] = "00:00:20", ["Demo__Seed"] = "11" });
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        var faults = await EventuallyAsync(async () =>
        {
            var data = await PrometheusApi.DataAsync(_http, $"{url}/api/v1/demo/faults");
            return data.GetProperty("faults").GetArrayLength() >= 2 ? data : (JsonElement?)null;
        });
        var first = faults.GetProperty("faults")[0];
        Assert.True(FaultLibrary.TryParse(first.GetProperty("kind").GetString()!, out _));
        Assert.True(EntityId.TryParse(first.GetProperty("root").GetString(), out var root));
        Assert.Equal(root.Value, first.GetProperty("affected")[0].GetString());
        Assert.Contains("Demo fault injected", serve.StandardOutput, StringComparison.Ordinal);

        // Four nodes of eight GPUs, each GPU's utilisation stored through the platform's own remote_write receiver.
        var series = await PrometheusApi.DataAsync(_http, $"{url}/api/v1/series?match[]=DCGM_FI_DEV_GPU_UTIL");
        Assert.Equal(32, series.GetArrayLength());

        // The fleet's logs arrive over the platform's own OTLP receiver: every node's journal has lines.
        var journals = await LogsApi.QueryAsync(_http, url, "{job=\"journald\"}");
        Assert.Equal(4, journals.Where(j => j.Lines.Count > 0).Select(j => j.Stream.GetProperty("node").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task ServeDemo_WithShippedRulesAsTheReadmeRunsIt_EveryRuleEvaluatesWithoutError()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        // The README's first command: from the repository root, with the relative glob.
        await using var serve = ChildProcess.StartHost(
            ["serve", "--demo", "--rules", "alert-rules/*.yml", "--urls", url, "--data", Path.Combine(_workDirectory.FullName, "data")],
            RepositoryLayout.Root,
            new Dictionary<string, string?> { ["Demo__Nodes"] = "4", ["Demo__Step"] = "00:00:01", ["Demo__Backfill"] = "00:01:00", ["Demo__Seed"] = "11" });
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        // Every group evaluates at once on start-up; the demo's data then shows whether any rule fails on it
        // (unsupported function, many-to-many match, template error).
        var groups = await EventuallyAsync(async () =>
        {
            var data = await PrometheusApi.DataAsync(_http, $"{url}/api/v1/rules");
            var rules = data.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
            return rules.Count > 0 && rules.All(r => r.GetProperty("lastEvaluation").GetDateTime().Year > 2000) ? data : (JsonElement?)null;
        });

        var names = groups.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("file").GetString()!).Distinct().ToList();
        Assert.Equal(Directory.GetFiles(RepositoryLayout.PathOf("alert-rules"), "*.yml").Length, names.Count);
        var failing = groups.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Where(r => r.GetProperty("health").GetString() != "ok")
            .Select(r => $"{r.GetProperty("name").GetString()}: {(r.TryGetProperty("lastError", out var e) ? e.GetString() : r.GetProperty("health").GetString())}")
            .ToList();
        Assert.Empty(failing);
        Assert.DoesNotContain("fail:", serve.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithoutDemo_DemoFaultsIsNotFound()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url, "--data", Path.Combine(_workDirectory.FullName, "plain")], _workDirectory.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        using var response = await _http.GetAsync(new Uri($"{url}/api/v1/demo/faults"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("serve --demo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = TimeProvider.System.GetUtcNow() + s_timeout;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the demo reported no faults in time");
            await Task.Delay(500);
        }
    }
}
