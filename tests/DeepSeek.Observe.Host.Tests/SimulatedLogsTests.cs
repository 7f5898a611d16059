using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.Otlp;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The simulator's logs sent over OTLP/HTTP to the platform in memory and read back through <c>/api/v1/logs</c>.</summary>
public class SimulatedLogsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SimulatedLogs_OverOtlp_StoredPerStreamAndReadBack()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        const long stepMs = 15_000;
        var startMs = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - (long)TimeSpan.FromMinutes(15).TotalMilliseconds) / stepMs * stepMs;
        var fleet = Fleet.Build(new FleetSpec(2, 8, 1, 1, 42));
        var plan = FaultPlan.Create("thermal-throttling", fleet, startMs, startMs + (40 * stepMs), 42);
        var metrics = new FleetGenerator(new SeriesCatalog(fleet), new SimulationTime(startMs, stepMs), plan.Faults);
        var logs = new SimulationLogs(new FleetLogGenerator(metrics, plan.Faults), new OtlpLogSink(new OtlpLogSinkOptions(client.BaseAddress!), client, TimeProvider.System));

        await new SimulationRunner(metrics, null, TimeProvider.System, logs).RunAsync(40, SimulationSpeed.Max, CancellationToken.None).WaitAsync(s_timeout);

        var expected = new FleetLogGenerator(metrics, plan.Faults).Logs(startMs, startMs + (40 * stepMs));
        Assert.Equal(new OtlpLogFailures(40, 0, 0, 0), logs.Sink.Failures);
        Assert.Equal(expected.Count, logs.Sink.LinesAcknowledged);

        var all = await LogsApi.QueryAsync(client, string.Empty, "{job=~\".+\"}");
        Assert.Equal(expected.Select(l => l.Body).Order(StringComparer.Ordinal), all.SelectMany(s => s.Lines).Order(StringComparer.Ordinal));

        // The fault's kernel line is in its node's journal stream, at warn.
        var node = fleet.Gpus.Single(g => g.Id == plan.Faults[0].Root).Node.Hostname;
        var journal = await LogsApi.QueryAsync(client, string.Empty, $"{{job=\"journald\", node=\"{node}\", level=\"warn\"}}");
        Assert.Contains(journal.SelectMany(s => s.Lines), l => l.Contains("exceeded its slowdown temperature threshold", StringComparison.Ordinal));

        // Container streams carry the pod's labels; rank 0's progress is in the training container's stream.
        var trainer = await LogsApi.QueryAsync(client, string.Empty, "{job=\"training/trainer\", level=\"info\"}");
        var (stream, lines) = Assert.Single(trainer);
        Assert.Equal(("training", "llm-pretrain-00-worker-0", "trainer", "gpu-node-0001"),
            (stream.GetProperty("namespace").GetString(), stream.GetProperty("pod").GetString(), stream.GetProperty("container").GetString(), stream.GetProperty("node").GetString()));
        Assert.Contains(lines, l => l.StartsWith("[rank0] step ", StringComparison.Ordinal));
        var serving = await LogsApi.QueryAsync(client, string.Empty, "{job=\"inference/server\", deployment=\"llm-serve-00\"}");
        Assert.Equal(8, serving.Select(s => s.Stream.GetProperty("pod").GetString()).Distinct().Count());

        // The streams resolve to the fleet's entities: the node and the training pod both have logs.
        var entities = (await PrometheusApi.DataAsync(client, "/api/v1/entities")).EnumerateArray().ToList();
        Assert.True(entities.Single(e => e.GetProperty("id").GetString() == "node/gpu-node-0001").GetProperty("logStreams").GetInt32() > 0);
        Assert.True(entities.Single(e => e.GetProperty("id").GetString() == "pod/training/llm-pretrain-00-worker-0").GetProperty("logStreams").GetInt32() > 0);
    }
}
