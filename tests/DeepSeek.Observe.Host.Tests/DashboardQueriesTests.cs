using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.RemoteWrite;
using DeepSeek.Observe.Testing;
using DeepSeek.Observe.Testing.Dashboards;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// Every panel query and template variable of <c>dashboards/*.json</c>, run as Grafana would against a server holding
/// an hour of simulated fleet: each must parse and return data. The server is the subclass's: a real Prometheus 2.42
/// (<see cref="DashboardQueriesPrometheusTests"/>) now, the platform once its PromQL engine answers /api/v1/query —
/// the same test, another base URL (issue 6, must-show 2).
/// </summary>
public abstract class DashboardQueriesTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Faults whose evidence only exists while something is wrong, so that error-only panels (XID, throttling,
    /// OOMKilled, CrashLoopBackOff) have data: one per quarter of the hour, each active in its slot's middle third.
    /// </summary>
    public const string Scenario = "gpu-fell-off-bus,thermal-throttling,container-oom-killed,crash-loop";

    /// <summary>
    /// Variables that are legitimately empty: the simulated fleet (like a single Prometheus without external labels)
    /// has no <c>cluster</c> label, so the cluster variable offers only All, whose <c>.*</c> matches the label's absence.
    /// </summary>
    private static readonly HashSet<string> s_mayBeEmptyVariables = ["cluster"];

    /// <summary>
    /// The panels whose series exist only while something is wrong (dashboards/README.md lists them): on a healthy
    /// fleet they, and only they, are empty. "Last terminated reason" too, as no pod of this seed restarted before.
    /// </summary>
    private static readonly string[] s_emptyWhenHealthy =
    [
        "container.json CrashLoopBackOff", "container.json Last terminated reason", "container.json OOMKilled",
        "container.json Waiting reasons", "hardware.json Throttled GPUs in range", "overview.json GPUs with XID errors in range",
    ];

    private const long StepMs = 15_000;
    private const int Steps = 240;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_scrapeInterval = TimeSpan.FromMilliseconds(StepMs);

    protected DirectoryInfo Work { get; } = Directory.CreateTempSubdirectory("observe-dashboard-queries-");

    protected HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Starts the server under test; it must accept remote_write at <c>{base}/api/v1/write</c> and serve Prometheus's query API under the base.</summary>
    protected abstract Task<(Uri BaseUrl, IAsyncDisposable Server)> StartServerAsync();

    [Fact]
    public async Task EveryPanelQueryAndVariable_OverAnHourOfFaultyFleet_ParsesAndReturnsData()
    {
        var (baseUrl, server) = await StartServerAsync();
        await using var _ = server;
        var window = await WriteFleetAsync(baseUrl, Scenario);
        var runner = new DashboardQueryRunner(Http, baseUrl, window);
        var dashboards = GrafanaDashboard.LoadAll(RepositoryLayout.PathOf("dashboards"));
        var failures = new List<string>();
        var ran = 0;

        foreach (var dashboard in dashboards)
        {
            // All selected: what a dashboard shows when it opens.
            var all = new TemplateExpander(window, s_scrapeInterval);
            var firstValues = new TemplateExpander(window, s_scrapeInterval);
            foreach (var variable in dashboard.Variables)
            {
                all.SetAll(variable);
                var values = await runner.LabelValuesAsync(variable, all, CancellationToken.None);
                output.WriteLine($"{(values.Count > 0 || s_mayBeEmptyVariables.Contains(variable.Name) ? "pass" : "FAIL")} {dashboard.File} ${variable.Name}: {values.Count} values");
                if (values.Count == 0 && !s_mayBeEmptyVariables.Contains(variable.Name))
                {
                    failures.Add($"{dashboard.File} variable {variable.Name} has no values: {variable.Query}");
                }

                // Chained variables see the ones before them at their first value, as a user's narrowing would.
                if (values.Count > 0)
                {
                    firstValues.Set(variable.Name, [values[0]]);
                }
                else
                {
                    firstValues.SetAll(variable);
                }
            }

            foreach (var query in dashboard.Queries)
            {
                ran++;
                var result = await runner.RunAsync(query, all, CancellationToken.None);
                var pass = result.Succeeded && result.Series > 0;
                output.WriteLine($"{(pass ? "pass" : "FAIL")} {result}");
                if (!pass)
                {
                    failures.Add(result.Succeeded ? $"{query}: no data  {result.Expanded}" : result.ToString());
                }

                // Narrowed to one node/GPU/job, the query must still be valid PromQL (its data may be elsewhere).
                var narrowed = await runner.RunAsync(query, firstValues, CancellationToken.None);
                if (!narrowed.Succeeded)
                {
                    failures.Add($"narrowed to first values: {narrowed}");
                }
            }
        }

        output.WriteLine($"{ran} panel queries in {dashboards.Count} dashboards, {failures.Count} failures");
        Assert.True(ran >= 100, $"only {ran} panel queries");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task OnAHealthyFleet_OnlyTheErrorOnlyPanelsAreEmpty()
    {
        var (baseUrl, server) = await StartServerAsync();
        await using var _ = server;
        var window = await WriteFleetAsync(baseUrl, FaultPlan.None);
        var runner = new DashboardQueryRunner(Http, baseUrl, window);
        var empty = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var dashboard in GrafanaDashboard.LoadAll(RepositoryLayout.PathOf("dashboards")))
        {
            var all = new TemplateExpander(window, s_scrapeInterval);
            foreach (var variable in dashboard.Variables)
            {
                all.SetAll(variable);
            }

            foreach (var query in dashboard.Queries)
            {
                var result = await runner.RunAsync(query, all, CancellationToken.None);
                Assert.True(result.Succeeded, result.ToString());
                if (result.Series == 0)
                {
                    output.WriteLine($"empty: {result}");
                    empty.Add($"{dashboard.File} {query.PanelTitle}");
                }
            }
        }

        Assert.Equal(s_emptyWhenHealthy, empty);
    }

    public void Dispose()
    {
        Http.Dispose();
        Work.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    // The hour that ended a minute ago (recent enough for a TSDB head), as a 4-node fleet with a scenario's faults.
    private async Task<QueryWindow> WriteFleetAsync(Uri baseUrl, string scenario)
    {
        var startMs = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - (long)TimeSpan.FromMinutes(61).TotalMilliseconds) / StepMs * StepMs;
        const ulong seed = 11;
        var fleet = Fleet.Build(new FleetSpec(4, 8, 1, 1, seed));
        var plan = FaultPlan.Create(scenario, fleet, startMs, startMs + (Steps * StepMs), seed);
        var generator = new FleetGenerator(new SeriesCatalog(fleet), new SimulationTime(startMs, StepMs), plan.Faults);
        var sink = new RemoteWriteSink(
            new RemoteWriteSinkOptions(new Uri(baseUrl, "api/v1/write")), [.. generator.Catalog.Series.Select(s => s.Labels)], Http, TimeProvider.System);

        var run = await new SimulationRunner(generator, sink, TimeProvider.System).RunAsync(Steps, SimulationSpeed.Max, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(Steps, run.Steps);
        Assert.Equal(0, sink.Failures.FailedRequests);
        return new QueryWindow(
            DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(generator.Time.TimestampMs(Steps - 1)), TimeSpan.FromSeconds(60));
    }
}
