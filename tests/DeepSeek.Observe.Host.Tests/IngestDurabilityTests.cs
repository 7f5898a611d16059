using System.Globalization;
using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Testing;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Acknowledged means durable: kill -9 during sustained remote_write, restart, and nothing acknowledged is missing.</summary>
public sealed class IngestDurabilityTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-durability-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task KillDashNine_DuringSustainedIngest_EveryAcknowledgedSampleSurvivesRestart()
    {
        var acknowledged = await CrashDuringIngest.RunAsync(_workDirectory.FullName, _http, async (url, seq) =>
        {
            // Each write creates its own series, so "the series exists" after restart means "the sample survived".
            var label = seq.ToString(CultureInfo.InvariantCulture);
            using var response = await SendAsync(
                _http,
                Enumerable.Range(0, 50).Select(i => Series(
                    "durability_probe", [("seq", label), ("part", i.ToString(CultureInfo.InvariantCulture))], (1_700_000_000_000 + seq, seq))),
                url);
            return response.StatusCode == HttpStatusCode.NoContent;
        }, minimumAcknowledged: 500, s_timeout);

        var restartUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var restarted = ChildProcess.StartHost(["serve", "--urls", restartUrl, "--data", "data"], _workDirectory.FullName);
        await WaitReadyAsync(restartUrl, restarted);
        using var json = JsonDocument.Parse(await _http.GetStringAsync($"{restartUrl}/api/v1/series?match[]=durability_probe"));
        var stored = json.RootElement.GetProperty("data").EnumerateArray()
            .Where(s => s.GetProperty("part").GetString() == "49")
            .Select(s => int.Parse(s.GetProperty("seq").GetString()!, CultureInfo.InvariantCulture))
            .ToHashSet();

        var missing = acknowledged.Where(seq => !stored.Contains(seq)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost, e.g. seq {string.Join(", ", missing.Take(10))}");
        Assert.True(acknowledged.Count >= 500);
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    private Task<string> WaitReadyAsync(string url, ChildProcess process) => Readiness.WaitAsync(_http, url, process, s_timeout);
}
