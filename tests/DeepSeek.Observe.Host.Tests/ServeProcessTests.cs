using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The built <c>deepseek-observe</c> executable as an operator runs it: real process, real sockets, signals.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-serve-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task Serve_BadUrls_ExitsTwoWithOneLineAndNoStackTrace()
    {
        await using var process = ChildProcess.StartHost(["serve", "--urls", "nonsense"], _workDirectory.FullName);

        var exitCode = await process.WaitForExitAsync(s_timeout);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "deepseek-observe: --urls (or OBSERVE_URLS): 'nonsense' is not a listen address; expected e.g. http://127.0.0.1:9470",
            process.StandardError.TrimEnd('\n'));
        Assert.DoesNotContain("   at ", process.StandardOutput + process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EmbeddedDefaults_BecomesReadyServesMetricsAndStopsCleanlyOnSigterm()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var process = ChildProcess.StartHost(["serve", "--urls", url], _workDirectory.FullName);

        await WaitReadyAsync(url, process);
        var exposition = await _http.GetStringAsync($"{url}/metrics");
        var promtool = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "metrics"], s_timeout, standardInput: exposition);
        process.Terminate();
        var exitCode = await process.WaitForExitAsync(s_timeout);

        Assert.True(promtool.ExitCode == 0, promtool.StandardOutput + promtool.StandardError);
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(_workDirectory.FullName, "data", "lock")), "default --data is ./data");
    }

    [Fact]
    public async Task Serve_DataDirectoryInUse_SecondInstanceExitsOneWithReason()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var first = ChildProcess.StartHost(["serve", "--urls", url, "--data", "shared"], _workDirectory.FullName);
        await WaitReadyAsync(url, first);

        await using var second = ChildProcess.StartHost(
            ["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--data", "shared"], _workDirectory.FullName);
        var exitCode = await second.WaitForExitAsync(s_timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("is in use by another process", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PostgresAndRabbitMqFromEnvironment_BecomesReady()
    {
        await using var database = await TestDatabase.CreateAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var process = ChildProcess.StartHost([], _workDirectory.FullName, new Dictionary<string, string?>
        {
            ["OBSERVE_URLS"] = url,
            ["OBSERVE_POSTGRES"] = database.ConnectionString,
            ["OBSERVE_RABBITMQ"] = TestServers.RabbitMq,
        });

        // No arguments at all: a container's CMD may rely on the environment alone, but `serve` must still be named.
        var exitCode = await process.WaitForExitAsync(s_timeout);
        Assert.Equal(2, exitCode);

        await using var serve = ChildProcess.StartHost(["serve"], _workDirectory.FullName, new Dictionary<string, string?>
        {
            ["OBSERVE_URLS"] = url,
            ["OBSERVE_POSTGRES"] = database.ConnectionString,
            ["OBSERVE_RABBITMQ"] = TestServers.RabbitMq,
        });
        var body = await WaitReadyAsync(url, serve);

        Assert.Contains("postgres: Healthy: PostgreSQL", body, StringComparison.Ordinal);
        Assert.Contains("bus: Healthy", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PostgresUnreachable_ExitsOneAfterMigrationTimeout()
    {
        await using var process = ChildProcess.StartHost(
            ["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--postgres", $"Host=127.0.0.1;Port={FreePort.Next()};Username=u;Password=p;Timeout=1"],
            _workDirectory.FullName,
            new Dictionary<string, string?> { ["Storage__MigrationTimeout"] = "00:00:02" });

        var exitCode = await process.WaitForExitAsync(s_timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("deepseek-observe: cannot apply migrations to PostgreSQL", process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=p", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_AgainstServe_PrintsFiguresAndEverySampleIsAcknowledged()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url], _workDirectory.FullName);
        await WaitReadyAsync(url, serve);

        await using var bench = ChildProcess.StartHost(
            ["bench", "ingest", "--target", $"{url}/api/v1/write", "--series", "160", "--samples-per-request", "50", "--concurrency", "2", "--duration", "5s"],
            _workDirectory.FullName);
        var exitCode = await bench.WaitForExitAsync(s_timeout);
        var figures = bench.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var acknowledged = long.Parse(
            System.Text.RegularExpressions.Regex.Match(figures, "samples_acked=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, exitCode);
        Assert.Contains("failed=0", figures, StringComparison.Ordinal);
        Assert.Matches("samples_per_second=[0-9]+ .*p50_ms=[0-9.]+ p99_ms=[0-9.]+", figures);
        Assert.True(acknowledged >= 160, figures);

        // Every generated series reached the store with the exporter's labels.
        using var series = System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v1/series?match[]={Uri.EscapeDataString("{job=\"dcgm-exporter\"}")}"));
        Assert.Equal(160, series.RootElement.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("--target", "nonsense")]
    [InlineData("--duration", "soon")]
    [InlineData("--series", "0")]
    public async Task BenchIngest_BadOption_ExitsTwo(string option, string value)
    {
        var args = new List<string> { "bench", "ingest", "--target", "http://127.0.0.1:1/api/v1/write" };
        args.AddRange([option, value]);
        await using var bench = ChildProcess.StartHost(args, _workDirectory.FullName);

        Assert.Equal(2, await bench.WaitForExitAsync(s_timeout));
        Assert.Contains(option, bench.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteWrite_OverKestrel_OurBodyLimitRulesNotTheServersDefault()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var serve = ChildProcess.StartHost(
            ["serve", "--urls", url], _workDirectory.FullName, new Dictionary<string, string?> { ["Ingest__MaxRequestBytes"] = "50000000" });
        await WaitReadyAsync(url, serve);

        // 40 MB is past Kestrel's 30 MB default but within the configured limit: it reaches the decoder (400, not snappy).
        // Its first byte declares a small decompressed length: random bytes there could declare one past the
        // decompressed-size limit, which is a 413 of its own.
        var junk = System.Security.Cryptography.RandomNumberGenerator.GetBytes(40_000_000);
        junk[0] = 0x05;
        using var large = await PostAsync($"{url}/api/v1/write", junk);
        // 60 MB is past the configured limit: 413 with our reason.
        using var tooLarge = await PostAsync($"{url}/api/v1/write", new byte[60_000_000]);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("exceeds the limit of 50000000 bytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(serve.HasExited);
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    /// <summary>Posts with Expect: 100-continue, as large uploads should, so a refusal arrives before the body is sent.</summary>
    private Task<HttpResponseMessage> PostAsync(string url, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        request.Headers.ExpectContinue = true;
        return _http.SendAsync(request);
    }

    private Task<string> WaitReadyAsync(string url, ChildProcess process) => Readiness.WaitAsync(_http, url, process, s_timeout);
}
