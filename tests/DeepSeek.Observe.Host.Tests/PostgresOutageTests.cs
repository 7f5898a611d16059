using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Testing;
using Npgsql;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// With <c>--postgres</c>, PostgreSQL stopped for 30 s in the middle of sustained ingest: writes keep being
/// acknowledged (spooled in the local WAL) or are refused with 429/503, and once the server is back every
/// acknowledged sample is there, the sealed chunks in PostgreSQL included, even after a kill -9.
/// </summary>
public sealed class PostgresOutageTests : IDisposable
{
    private const long Step = 15_000;
    private const int Heartbeats = 10;

    // Samples per sealed chunk in the head (EmbeddedTsdb.ChunkSamples): the newest chunk may still be open.
    private const int EmbeddedChunkSamples = 240;
    private static readonly long s_start = TimeProvider.System.GetUtcNow().AddDays(-2).ToUnixTimeMilliseconds() / Step * Step;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-pg-outage-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task PostgresStoppedThirtySeconds_DuringIngest_NothingAcknowledgedIsLost()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        string[] serve = ["serve", "--urls", url, "--data", "data", "--postgres", postgres.ConnectionString];

        // Checkpoints every two seconds, so sealed chunks are flushed (or fail to be) all through the test.
        var environment = new Dictionary<string, string?> { ["Storage__CheckpointInterval"] = "00:00:02" };
        var acknowledged = new ConcurrentDictionary<int, bool>();
        var refusals = 0;
        var duringOutage = -1;
        await using (var process = ChildProcess.StartHost(serve, _work.FullName, environment))
        {
            await Readiness.WaitAsync(_http, url, process, s_timeout);
            using var stop = new CancellationTokenSource();
            var seq = 0;

            // One sender, so the heartbeat series stay in time order; every write also creates a series of its own.
            var load = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var current = ++seq;
                    using var response = await SendAsync(_http, Write(current), url);
                    if (response.StatusCode == HttpStatusCode.NoContent)
                    {
                        acknowledged[current] = true;
                    }
                    else if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref refusals);
                        seq--; // retried, as Prometheus would
                        await Task.Delay(100);
                    }
                    else
                    {
                        throw new InvalidOperationException($"write {current}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            });

            await Task.Delay(TimeSpan.FromSeconds(5));
            await postgres.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(15));
            duringOutage = acknowledged.Keys.Max();
            await Task.Delay(TimeSpan.FromSeconds(15));
            await postgres.StartAgainAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await load.WaitAsync(s_timeout);

            // Once a checkpoint has flushed after the outage, PostgreSQL holds the chunks sealed during it.
            var sealedDuringOutage = s_start + (duringOutage * Step);
            await Eventually.ReturnsAsync(
                async () => await MaxPersistedHeartbeatAsync(postgres) >= sealedDuringOutage - (EmbeddedChunkSamples * Step) ? "flushed" : null,
                s_timeout, "chunks sealed during the outage to reach PostgreSQL");
            process.Kill();
        }

        Assert.True(acknowledged.Count > 1000, $"only {acknowledged.Count} writes acknowledged");
        Assert.Contains(acknowledged.Keys, k => k > duringOutage - 100 && k <= duringOutage);

        await using var restarted = ChildProcess.StartHost(serve, _work.FullName);
        await Readiness.WaitAsync(_http, url, restarted, s_timeout);
        using var json = JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v1/series?match[]=outage_probe&start=0"));
        var stored = json.RootElement.GetProperty("data").EnumerateArray()
            .Select(s => int.Parse(s.GetProperty("seq").GetString()!, CultureInfo.InvariantCulture))
            .ToHashSet();
        var missing = acknowledged.Keys.Where(k => !stored.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost (refused meanwhile: {refusals}), e.g. {string.Join(", ", missing.Take(10))}");
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private static IEnumerable<Core.Series.SeriesSamples> Write(int seq)
    {
        var timestamp = s_start + (seq * Step);
        var label = seq.ToString(CultureInfo.InvariantCulture);
        yield return Series("outage_probe", [("seq", label)], (timestamp, seq));
        for (var i = 0; i < Heartbeats; i++)
        {
            yield return Series("outage_heartbeat", [("gpu", i.ToString(CultureInfo.InvariantCulture))], (timestamp, (seq * 7 + i) % 100));
        }
    }

    private static async Task<long> MaxPersistedHeartbeatAsync(PrivatePostgres postgres)
    {
        try
        {
            await using var connection = new NpgsqlConnection(postgres.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(min(max_time), 0) FROM observe.series WHERE labels->>'__name__' = 'outage_heartbeat'", connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException)
        {
            return 0;
        }
    }
}
