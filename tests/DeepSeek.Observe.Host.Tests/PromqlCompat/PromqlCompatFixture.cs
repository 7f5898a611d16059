using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// Two independent Prometheus 2.42 servers, each loaded with the compatibility data set: one to check the query set
/// against, and a second to run the whole suite against the first, which must pass (same data, same engine).
/// </summary>
public sealed class PromqlCompatFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-promql-compat-");
    private PrometheusWithCompatData? _first;
    private PrometheusWithCompatData? _second;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal CompatDataSet DataSet { get; } = new();

    internal PrometheusWithCompatData First => _first ?? throw new InvalidOperationException("not started");

    internal PrometheusWithCompatData Second => _second ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var first = PrometheusWithCompatData.StartAsync(DataSet, _work.FullName, Http);
        var second = PrometheusWithCompatData.StartAsync(DataSet, _work.FullName, Http);
        try
        {
            _first = await first;
        }
        finally
        {
            _second = await second;
        }
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        Http.Dispose();
        _work.Delete(recursive: true);
    }
}
