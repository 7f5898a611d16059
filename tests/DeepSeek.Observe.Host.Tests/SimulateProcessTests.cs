using System.Globalization;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary><c>deepseek-observe simulate</c> as a process, sending to a real <c>serve</c> process over HTTP.</summary>
public sealed partial class SimulateProcessTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-simulate-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Simulate_MaxSpeedToServe_EverySeriesStoredWithTheGeneratedValues()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url], _workDirectory.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);
        const long stepMs = 15_000;
        var startMs = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - (long)TimeSpan.FromMinutes(10).TotalMilliseconds) / stepMs * stepMs;

        await using var simulate = ChildProcess.StartHost(
            ["simulate", "--nodes", "2", "--jobs", "1", "--deployments", "1", "--seed", "42", "--duration", "2m", "--step", "15s", "--speed", "max",
             "--start", (startMs / 1000).ToString(CultureInfo.InvariantCulture), "--target", $"{url}/api/v1/write"],
            _workDirectory.FullName);
        var exitCode = await simulate.WaitForExitAsync(s_timeout);

        // The same spec builds the same fleet here: what the process sent is known exactly.
        var generator = new FleetGenerator(new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, 42))), new SimulationTime(startMs, stepMs));
        // Series a healthy fleet does not emit (a terminated container's reason) are left out of what is sent.
        var present = Enumerable.Range(0, generator.Catalog.Count).Count(i => !SimulatedValue.IsAbsent(generator.ValueAt(i, 0)));
        var figures = simulate.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.True(exitCode == 0, simulate.StandardOutput + simulate.StandardError);
        Assert.Contains("failed_requests=0", figures, StringComparison.Ordinal);
        Assert.Equal(8L * present, long.Parse(AckedRegex().Match(figures).Groups[1].Value, CultureInfo.InvariantCulture));

        var range = $"start={startMs / 1000}&end={(startMs / 1000) + 120}";
        var series = await PrometheusApi.DataAsync(_http, $"{url}/api/v1/series?match[]={Uri.EscapeDataString("{job=~\".+\"}")}&{range}");
        Assert.Equal(present, series.GetArrayLength());

        var index = Array.FindIndex(generator.Catalog.Series, s => s.Labels.MetricName == "DCGM_FI_DEV_POWER_USAGE" && s.Labels["Hostname"] == "gpu-node-0002" && s.Labels["gpu"] == "5");
        var read = await RemoteReadClient.ReadAsync(_http, url, startMs, startMs + (8 * stepMs),
            (LabelMatcher.Types.Type.Eq, "__name__", "DCGM_FI_DEV_POWER_USAGE"),
            (LabelMatcher.Types.Type.Eq, "Hostname", "gpu-node-0002"),
            (LabelMatcher.Types.Type.Eq, "gpu", "5"));
        var samples = Assert.Single(read).Value;
        Assert.Equal(
            Enumerable.Range(0, 8).Select(step => (startMs + (step * stepMs), BitConverter.DoubleToUInt64Bits(generator.ValueAt(index, step)))),
            samples);
    }

    [Fact]
    public async Task Simulate_MaxSpeedWithoutTarget_PrintsGenerationFigures()
    {
        await using var simulate = ChildProcess.StartHost(
            ["simulate", "--nodes", "4", "--duration", "10m", "--speed", "max"], _workDirectory.FullName);

        var exitCode = await simulate.WaitForExitAsync(s_timeout);

        Assert.Equal(0, exitCode);
        Assert.Matches("steps=40 samples_generated=[0-9]+ generation_samples_per_second=[0-9]+", simulate.StandardOutput);
        Assert.DoesNotContain("samples_acked", simulate.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ScenarioWithGroundTruth_WritesTheInjectedFault()
    {
        var truthFile = Path.Combine(_workDirectory.FullName, "truth.json");
        await using var simulate = ChildProcess.StartHost(
            ["simulate", "--nodes", "4", "--jobs", "1", "--deployments", "1", "--duration", "30m", "--speed", "max", "--seed", "5",
             "--start", "2026-01-01T00:00:00Z", "--scenario", "thermal-throttling", "--ground-truth", truthFile],
            _workDirectory.FullName);

        var exitCode = await simulate.WaitForExitAsync(s_timeout);

        Assert.True(exitCode == 0, simulate.StandardOutput + simulate.StandardError);
        var truth = Simulation.Faults.GroundTruth.FromJson(await File.ReadAllTextAsync(truthFile));
        var fault = Assert.Single(truth.Faults);
        Assert.Equal(Core.FaultKind.ThermalThrottling, fault.Kind);
        Assert.Equal(Core.EntityKind.Gpu, fault.Root.Kind);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:10:00Z", CultureInfo.InvariantCulture), fault.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:20:00Z", CultureInfo.InvariantCulture), fault.End);
        Assert.Equal(5UL, truth.Seed);
        Assert.Contains($"fault: thermal-throttling root={fault.Root}", simulate.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_UnknownScenario_ExitsTwoNamingTheChoices()
    {
        var (exitCode, _, error) = await ChildProcess.RunAsync(
            "dotnet", [RepositoryLayout.HostAssembly, "simulate", "--speed", "max", "--scenario", "gpu-on-fire"], s_timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("--scenario: unknown scenario 'gpu-on-fire'", error, StringComparison.Ordinal);
        Assert.Contains("thermal-throttling", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_UnreachableTarget_ReportsFailedRequestsAndExitsOne()
    {
        await using var simulate = ChildProcess.StartHost(
            ["simulate", "--nodes", "2", "--duration", "30s", "--speed", "max", "--max-attempts", "2", "--target", $"http://127.0.0.1:{FreePort.Next()}/api/v1/write"],
            _workDirectory.FullName, new Dictionary<string, string?>());

        var exitCode = await simulate.WaitForExitAsync(s_timeout);

        Assert.Equal(1, exitCode);
        Assert.Matches("samples_acked=0 .*failed_requests=[1-9][0-9]* samples_failed=[1-9]", simulate.StandardOutput);
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    [GeneratedRegex("samples_acked=([0-9]+)")]
    private static partial Regex AckedRegex();
}
