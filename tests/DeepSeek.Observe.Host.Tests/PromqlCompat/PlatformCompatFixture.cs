using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>Prometheus 2.42 (the reference) and the platform, both loaded with the compatibility data set, started in parallel.</summary>
public sealed class PlatformCompatFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-promql-platform-");
    private PrometheusWithCompatData? _prometheus;
    private PlatformWithCompatData? _platform;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal CompatDataSet DataSet { get; } = new();

    internal PrometheusWithCompatData Prometheus => _prometheus ?? throw new InvalidOperationException("not started");

    internal PlatformWithCompatData Platform => _platform ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var prometheus = PrometheusWithCompatData.StartAsync(DataSet, _work.FullName, Http);
        var platform = PlatformWithCompatData.StartAsync(DataSet, _work.FullName, Http);
        try
        {
            _prometheus = await prometheus;
        }
        finally
        {
            _platform = await platform;
        }
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        Http.Dispose();
        _work.Delete(recursive: true);
    }
}
