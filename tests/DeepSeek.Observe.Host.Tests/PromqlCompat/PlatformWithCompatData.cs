using DeepSeek.Observe.Host.Bench.PromqlCompat;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// A <c>serve</c> process (embedded store) holding the PromQL compatibility data set: the side of the suite under
/// test. Its retention reaches back to the data set's fixed start, which is older than the default 15 d.
/// </summary>
internal sealed class PlatformWithCompatData : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly ChildProcess _server;

    private PlatformWithCompatData(ChildProcess server, Uri url, long samples)
    {
        _server = server;
        Url = url;
        Samples = samples;
    }

    public Uri Url { get; }

    public long Samples { get; }

    public string Output => _server.StandardOutput + _server.StandardError;

    public static async Task<PlatformWithCompatData> StartAsync(CompatDataSet dataSet, string work, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var data = Path.Combine(work, $"platform-{Guid.NewGuid():N}");
        var server = ChildProcess.StartHost(["serve", "--urls", url, "--data", data, "--retention", "100y"], work);
        try
        {
            await Readiness.WaitAsync(http, url, server, s_timeout);
            var samples = await new CompatDataSetLoader(http).LoadAsync(dataSet, new Uri($"{url}/api/v1/write"), CancellationToken.None).WaitAsync(s_timeout);
            return new PlatformWithCompatData(server, new Uri($"{url}/"), samples);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
