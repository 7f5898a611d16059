using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.Otlp;
using DeepSeek.Observe.Simulation.RemoteWrite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Simulation.Demo;

/// <summary>
/// Runs the demo fleet once the platform listens: a short healthy backfill, then real time, sending remote_write to
/// the platform's own receiver exactly as an outside Prometheus would (and its logs over OTLP), with a fault from <see cref="DemoSchedule"/>
/// in every slot. Faults are planned an hour ahead; each new hour rebuilds the generator with every fault so far, so
/// what past faults did to counters (restarts, ECC errors) stays in the counters.
/// </summary>
internal sealed partial class DemoFleetService(
    IOptions<DemoOptions> options,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    DemoState state,
    TimeProvider clock,
    ILogger<DemoFleetService> logger) : BackgroundService
{
    public const string HttpClientName = "demo-fleet";

    private static readonly TimeSpan s_horizon = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var demo = options.Value;
        var seed = demo.Seed ?? (ulong)clock.GetUtcNow().ToUnixTimeMilliseconds();
        // 16 nodes: two training jobs on twelve nodes, two inference deployments on the other four.
        var fleet = Fleet.Build(new FleetSpec(demo.Nodes, demo.GpusPerNode, Math.Max(1, demo.Nodes / 8), Math.Max(1, demo.Nodes / 8), seed));
        var catalog = new SeriesCatalog(fleet);
        var stepMs = (long)demo.Step.TotalMilliseconds;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var time = new SimulationTime((nowMs - (long)demo.Backfill.TotalMilliseconds) / stepMs * stepMs, stepMs);
        // Faults only in the live part: the first one starts moments after the backfill, so a newcomer sees one soon.
        var schedule = new DemoSchedule(fleet, seed, nowMs, demo.FaultEvery);
        state.Begin(seed, time.StartMs);
        LogStarting(demo.Nodes, fleet.Gpus.Count, catalog.Count, seed, demo.FaultEvery, demo.RemoteWriteUrl!);

        var http = httpClients.CreateClient(HttpClientName);
        var sink = new RemoteWriteSink(
            new RemoteWriteSinkOptions(demo.RemoteWriteUrl!, Concurrency: 2, SeriesPerRequest: 4000, MaxAttempts: 20),
            [.. catalog.Series.Select(s => s.Labels)], http, clock);
        var logSink = demo.OtlpUrl is { } otlp ? new OtlpLogSink(new OtlpLogSinkOptions(otlp, MaxAttempts: 20), http, clock) : null;
        using var announcing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var announcer = AnnounceAsync(schedule, sink, announcing.Token);
        try
        {
            long step = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                var fromMs = time.TimestampMs(step);
                var faults = schedule.Through(fromMs + (long)s_horizon.TotalMilliseconds);
                var generator = new FleetGenerator(catalog, time, faults);
                var logs = logSink is null ? null : new SimulationLogs(new FleetLogGenerator(generator, faults, demo.LogLinesPerNodePerMinute), logSink);
                var done = await new SimulationRunner(generator, sink, clock, logs).RunAsync(step, (long)(s_horizon.TotalMilliseconds / stepMs), SimulationSpeed.Realtime, stoppingToken);
                step += done.Steps;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the step in flight is dropped with the rest of the simulated fleet.
        }
        finally
        {
            await announcing.CancelAsync();
            await announcer;
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        // The receivers must be listening before the fleet sends to them.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Tells the operator each fault as it begins (the ground truth of the demo), and any data the platform refused.
    private async Task AnnounceAsync(DemoSchedule schedule, RemoteWriteSink sink, CancellationToken cancellationToken)
    {
        var failed = 0L;
        try
        {
            for (long slot = 0; ; slot++)
            {
                var fault = schedule.At(slot);
                var wait = DateTimeOffset.FromUnixTimeMilliseconds(fault.Window.StartMs) - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }

                state.FaultStarted(fault);
                LogFault(FaultLibrary.Name(fault.Kind), fault.Root.Value, DateTimeOffset.FromUnixTimeMilliseconds(fault.Window.EndMs), fault.Description);
                if (sink.Failures.SamplesFailed is var now && now > failed)
                {
                    LogRefused(now - failed);
                    failed = now;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet: {Nodes} nodes, {Gpus} GPUs, {Series} series, seed {Seed}, a fault every {FaultEvery}, sending to {Target}")]
    private partial void LogStarting(int nodes, int gpus, int series, ulong seed, TimeSpan faultEvery, Uri target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo fault injected: {Kind} at {Root} until {End:O}: {Description}")]
    private partial void LogFault(string kind, string root, DateTimeOffset end, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo fleet: the platform refused {Samples} samples since the last fault")]
    private partial void LogRefused(long samples);
}
