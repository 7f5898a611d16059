using System.Globalization;
using System.Net;
using System.Text;
using DeepSeek.Observe.Ingest.Protocol.Loki;
using DeepSeek.Observe.Testing;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using Snappier;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Logs against a real <c>serve</c> process: the OpenTelemetry SDK exporter, Loki push formats, bad input, kill -9.</summary>
public sealed class LogsServeTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-logs-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task OpenTelemetrySdk_HttpProtobufLogExporter_LinesAreQueryable()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url], _work.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.IncludeFormattedMessage = true;
            otel.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("trainer", "llm", serviceInstanceId: "rank-0")
                .AddAttributes([new KeyValuePair<string, object>("k8s.pod.name", "trainer-0"), new KeyValuePair<string, object>("k8s.namespace.name", "ml")]));
            otel.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = new Uri($"{url}/v1/logs");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            });
        })))
        {
            var logger = factory.CreateLogger("Trainer");
#pragma warning disable CA1848, CA2254 // A test of the exporter, not of logging performance: plain calls read best.
            logger.LogWarning("step {Step} took {Seconds} s", 12, 3.5);
            logger.LogError("NCCL watchdog timeout on rank {Rank}", 3);
#pragma warning restore CA1848, CA2254
        } // Disposing the factory flushes the exporter.

        var streams = await Eventually.ReturnsAsync(
            async () => await LogsApi.QueryAsync(_http, url, "{job=\"llm/trainer\"}") is { Count: 2 } found ? found : null, s_timeout, "two streams");
        var error = Assert.Single(streams, s => s.Stream.GetProperty("level").GetString() == "error");
        Assert.Equal(["NCCL watchdog timeout on rank 3"], error.Lines);
        Assert.Equal("trainer-0", error.Stream.GetProperty("pod").GetString());
        Assert.Equal("rank-0", error.Stream.GetProperty("instance").GetString());
        Assert.Equal(["step 12 took 3.5 s"], Assert.Single(streams, s => s.Stream.GetProperty("level").GetString() == "warn").Lines);
    }

    [Fact]
    public async Task LokiPush_WithPostgres_LinesAreQueryableAndStoredInPostgres()
    {
        await using var database = await TestDatabase.CreateAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(
            ["serve", "--urls", url, "--data", "data", "--postgres", database.ConnectionString], _work.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        // Recent lines: older days would be dropped by the log retention (15 days by default) within a minute.
        var nowNs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        using var push = await _http.PostAsync($"{url}/loki/api/v1/push", new StringContent(
            "{\"streams\":[{\"stream\":{\"job\":\"promtail\",\"pod\":\"api-0\"},\"values\":[" +
            $"[\"{nowNs}\",\"first\"],[\"{nowNs + 1}\",\"second\"]]}}]}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, push.StatusCode);
        Assert.Equal(["second", "first"], Assert.Single(await LogsApi.QueryAsync(_http, url, "{job=\"promtail\"}")).Lines);
        Assert.False(Directory.Exists(Path.Combine(_work.FullName, "data", "logs")));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM observe.log_entries e JOIN observe.log_streams s ON s.id = e.stream_id WHERE s.labels @> '{\"pod\": \"api-0\"}'",
            connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync().WaitAsync(s_timeout));
    }

    [Fact]
    public async Task LokiPush_JsonAndSnappyProtobuf_RoundTripAndBadInputLeavesProcessAlive()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url], _work.FullName);
        await Readiness.WaitAsync(_http, url, serve, s_timeout);

        using var json = await _http.PostAsync($"{url}/loki/api/v1/push", new StringContent(
            "{\"streams\":[{\"stream\":{\"job\":\"promtail\"},\"values\":[[\"1700000000000000000\",\"from json\"]]}]}", Encoding.UTF8, "application/json"));
        var body = ProtobufPush("{job=\"promtail\", source=\"proto\"}", (1_700_000_000, 1, "from protobuf"));
        using var protobuf = await PostAsync(url, body, "application/x-protobuf");

        Assert.Equal(HttpStatusCode.NoContent, json.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, protobuf.StatusCode);
        var streams = await LogsApi.QueryAsync(_http, url, "{job=\"promtail\"}");
        Assert.Equal(["from json"], Assert.Single(streams, s => !s.Stream.TryGetProperty("source", out _)).Lines);
        Assert.Equal(["from protobuf"], Assert.Single(streams, s => s.Stream.TryGetProperty("source", out _)).Lines);

        // Truncated and mutated bodies: only 4xx, nothing of them stored, and the process keeps serving.
        var valid = ProtobufPush("{job=\"bad\"}", (1_700_000_000, 2, "must not be stored"));
        var random = new Random(3);
        var attempts = new List<byte[]> { valid[..(valid.Length / 2)], valid[..^1], valid.Concat(new byte[] { 0x00, 0x01 }).ToArray(), new byte[64 << 10] };
        for (var i = 0; i < 50; i++)
        {
            var mutated = (byte[])valid.Clone();
            mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            attempts.Add(mutated);
        }

        var accepted = 0;
        foreach (var attempt in attempts)
        {
            using var response = await PostAsync(url, attempt, "application/x-protobuf");
            var status = (int)response.StatusCode;
            Assert.True(status is 204 or (>= 400 and < 500), $"status {status} for a mutated body");
            accepted += status == 204 ? 1 : 0; // a flipped bit inside the line text still makes a valid push
        }

        foreach (var path in new[] { "/loki/api/v1/push", "/v1/logs" })
        {
            using var truncated = await _http.PostAsync($"{url}{path}", new StringContent("{\"streams\":[{\"stream\":{\"job\":\"bad\"},\"values\":[[\"1\",\"x\"]", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        }

        // Each body holds one line, so refused bodies add nothing: at most one line per accepted body (a mutation may also
        // rename the job label or move the timestamp out of the queried range, so fewer can be found).
        Assert.False(serve.HasExited);
        var stored = await LogsApi.CountAsync(_http, url);
        Assert.InRange(stored, 2, 2 + accepted);
    }

    [Fact]
    public async Task KillDashNine_DuringSustainedLogPush_EveryAcknowledgedLineSurvivesRestart()
    {
        var acknowledged = await CrashDuringIngest.RunAsync(_work.FullName, _http, async (url, seq) =>
        {
            var lines = string.Join(",", Enumerable.Range(0, 50).Select(i => $"[\"{1_700_000_000_000_000_000L + (seq * 100L) + i}\",\"seq={seq} part={i} {new string('x', 100)}\"]"));
            using var response = await _http.PostAsync($"{url}/loki/api/v1/push", new StringContent(
                $"{{\"streams\":[{{\"stream\":{{\"job\":\"durability\",\"writer\":\"{seq % 8}\"}},\"values\":[{lines}]}}]}}", Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.NoContent;
        }, minimumAcknowledged: 300, s_timeout);

        var restartUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var restarted = ChildProcess.StartHost(["serve", "--urls", restartUrl, "--data", "data"], _work.FullName);
        await Readiness.WaitAsync(_http, restartUrl, restarted, s_timeout);
        var stored = new HashSet<int>();
        for (var writer = 0; writer < 8; writer++)
        {
            // One writer's streams at a time keeps each call under the API's line limit.
            foreach (var (_, lines) in await LogsApi.QueryAsync(_http, restartUrl, $"{{job=\"durability\", writer=\"{writer}\"}}", "&contains=part%3D49"))
            {
                stored.UnionWith(lines.Select(l => int.Parse(l[4..l.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture)));
            }
        }

        var missing = acknowledged.Where(seq => !stored.Contains(seq)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged pushes lost, e.g. seq {string.Join(", ", missing.Take(10))}");
        Assert.True(acknowledged.Count >= 300);
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private static byte[] ProtobufPush(string labels, params (long Seconds, int Nanos, string Line)[] entries)
    {
        var stream = new StreamAdapter { Labels = labels };
        foreach (var (seconds, nanos, line) in entries)
        {
            stream.Entries.Add(new EntryAdapter { Timestamp = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = seconds, Nanos = nanos }, Line = line });
        }

        var request = new PushRequest();
        request.Streams.Add(stream);
        return Snappy.CompressToArray(request.ToByteArray());
    }

    private async Task<HttpResponseMessage> PostAsync(string url, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await _http.PostAsync($"{url}/loki/api/v1/push", content);
    }
}
