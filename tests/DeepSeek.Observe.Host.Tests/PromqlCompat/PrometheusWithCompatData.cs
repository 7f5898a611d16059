using DeepSeek.Observe.Host.Bench.PromqlCompat;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// A real Prometheus 2.42 (remote-write receiver on, no scrape jobs) holding the PromQL compatibility data set: the
/// reference side of the suite, reusable by the engine's compatibility test and benchmark.
/// </summary>
internal sealed class PrometheusWithCompatData : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly ChildProcess _server;

    private PrometheusWithCompatData(ChildProcess server, Uri url, long samples)
    {
        _server = server;
        Url = url;
        Samples = samples;
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>Samples the receiver accepted.</summary>
    public long Samples { get; }

    public string StandardError => _server.StandardError;

    /// <summary>Starts Prometheus in a folder of <paramref name="work"/> and loads <paramref name="dataSet"/> into it.</summary>
    public static async Task<PrometheusWithCompatData> StartAsync(CompatDataSet dataSet, string work, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = $"127.0.0.1:{FreePort.Next()}";
        var folder = Directory.CreateDirectory(Path.Combine(work, $"prometheus-{address.Replace(':', '-')}")).FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n");
        var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "tsdb")}", $"--web.listen-address={address}", "--web.enable-remote-write-receiver", "--log.level=warn"],
            folder);
        try
        {
            var url = new Uri($"http://{address}/");
            await Eventually.ReturnsAsync(
                async () => (await http.GetAsync(new Uri(url, "-/ready"))).IsSuccessStatusCode ? "ready" : null,
                s_timeout,
                $"Prometheus at {address} to be ready");
            var samples = await new CompatDataSetLoader(http).LoadAsync(dataSet, new Uri(url, "api/v1/write"), CancellationToken.None).WaitAsync(s_timeout);
            return new PrometheusWithCompatData(server, url, samples);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
