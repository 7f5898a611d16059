using System.CommandLine;
using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// <c>deepseek-observe simulate</c>: a deterministic GPU fleet's telemetry, sent as remote_write to <c>--target</c>;
/// with <c>--speed max</c> and no target it only generates, which is the generator's benchmark.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output)
    {
        var nodes = new Option<int>("--nodes") { Description = "GPU nodes in the fleet", DefaultValueFactory = _ => 16 };
        var gpusPerNode = new Option<int>("--gpus-per-node") { Description = "GPUs per node", DefaultValueFactory = _ => 8 };
        var jobs = new Option<int?>("--jobs") { Description = "training jobs (default: one per 16 nodes)" };
        var deployments = new Option<int?>("--deployments") { Description = "inference deployments (default: one per 64 nodes)" };
        var target = new Option<string?>("--target") { Description = "remote_write URL, e.g. http://127.0.0.1:9470/api/v1/write (omit with --speed max to only generate)", HelpName = "URL" };
        var duration = new Option<string>("--duration") { Description = "simulated time span, e.g. 1h", DefaultValueFactory = _ => "1h", HelpName = "DURATION" };
        var step = new Option<string>("--step") { Description = "scrape interval between a series' samples", DefaultValueFactory = _ => "15s", HelpName = "DURATION" };
        var speed = new Option<string>("--speed") { Description = "realtime (steps at their timestamps) or max (as fast as possible)", DefaultValueFactory = _ => "realtime", HelpName = "realtime|max" };
        var start = new Option<string?>("--start") { Description = "first timestamp, RFC 3339 or unix seconds (default: now; with max, now minus the duration)", HelpName = "TIME" };
        var seed = new Option<ulong>("--seed") { Description = "random seed: the same seed gives the same fleet and values", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "remote_write requests in flight", DefaultValueFactory = _ => 4 };
        var perRequest = new Option<int>("--series-per-request") { Description = "series (one sample each) per remote_write request", DefaultValueFactory = _ => 4000 };
        var scenario = new Option<string>("--scenario") { Description = $"fault(s) to inject, comma-separated: {FaultPlan.Names}", DefaultValueFactory = _ => FaultPlan.None, HelpName = "NAME|random" };
        var groundTruth = new Option<FileInfo?>("--ground-truth") { Description = "write the injected faults (kind, root entity, start/end, affected entities) to this JSON file", HelpName = "FILE" };
        var logOptions = new SimulateLogOptions();
        var listen = new Option<string?>("--listen") { Description = "instead of sending, serve each simulated scrape target at http://ADDR/targets/<job>/<instance>/metrics until --duration ends (realtime only)", HelpName = "ADDR" };
        var metrics = new Option<string?>("--metrics") { Description = "only the series whose metric name fully matches this regular expression (e.g. 'DCGM_FI_DEV_.*')", HelpName = "REGEX" };
        var attempts = new Option<int>("--max-attempts") { Description = "tries per request (429, 5xx and connection errors are retried with backoff) before it counts as failed", DefaultValueFactory = _ => 10 };

        var command = new Command("simulate", "Generate a simulated GPU fleet's telemetry (dcgm-exporter, kube-state-metrics, cAdvisor, training, inference) and send it as remote_write.")
        {
            nodes, gpusPerNode, jobs, deployments, scenario, target, duration, step, speed, start, seed, groundTruth, concurrency, perRequest, attempts, listen, metrics,
            logOptions.Otlp, logOptions.Rate,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var nodeCount = result.GetValue(nodes);
            var spec = new FleetSpec(
                nodeCount,
                result.GetValue(gpusPerNode),
                result.GetValue(jobs) ?? Math.Max(1, nodeCount / 16),
                result.GetValue(deployments) ?? (nodeCount >= 2 ? Math.Max(1, nodeCount / 64) : 0),
                result.GetValue(seed));
            if (spec.Validate() is { } problem)
            {
                throw new UsageException(problem);
            }

            var mode = result.GetValue(speed) switch
            {
                "realtime" => SimulationSpeed.Realtime,
                "max" => SimulationSpeed.Max,
                var other => throw new UsageException($"--speed: '{other}' is not realtime or max"),
            };
            var targetUri = result.GetValue(target) is { } url ? HttpUrl(url) : null;
            var logsUri = logOptions.Endpoint(result);
            var listenEndpoint = ListenEndpoint(result.GetValue(listen), targetUri, mode);
            if (targetUri is null && logsUri is null && listenEndpoint is null && mode == SimulationSpeed.Realtime)
            {
                throw new UsageException("--target, --otlp or --listen is required unless --speed max (which then only generates)");
            }

            var span = Duration(result.GetValue(duration), "--duration");
            var interval = Duration(result.GetValue(step), "--step");
            var steps = span.Ticks / interval.Ticks;
            if (steps < 1)
            {
                throw new UsageException($"--duration {result.GetValue(duration)} is shorter than one --step");
            }

            var startMs = Start(result.GetValue(start), mode, span, interval);
            var fleet = Fleet.Build(spec);
            var time = new SimulationTime(startMs, (long)interval.TotalMilliseconds);
            var endMs = time.TimestampMs(steps);
            var plan = Plan(result.GetValue(scenario) ?? FaultPlan.None, fleet, startMs, endMs, spec.Seed);
            if (result.GetValue(groundTruth) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, plan.ToGroundTruth(spec.Seed, startMs, endMs).ToJson(), cancellationToken);
            }

            var generator = new FleetGenerator(Select(new SeriesCatalog(fleet), result.GetValue(metrics)), time, plan.Faults);
            foreach (var fault in plan.Faults)
            {
                await output.WriteLineAsync($"fault: {FaultLibrary.Name(fault.Kind)} root={fault.Root} from={DateTimeOffset.FromUnixTimeMilliseconds(fault.Window.StartMs):O} to={DateTimeOffset.FromUnixTimeMilliseconds(fault.Window.EndMs):O}: {fault.Description}");
            }

            await output.WriteLineAsync(
                $"simulate: nodes={spec.Nodes} gpus={fleet.Gpus.Count} jobs={spec.Jobs} deployments={spec.Deployments} series={generator.Catalog.Count} steps={steps} step={PrometheusDuration.Format(interval)} start={DateTimeOffset.FromUnixTimeMilliseconds(startMs):O} speed={result.GetValue(speed)} target={targetUri?.ToString() ?? "none"}");

            using var logHttp = logsUri is null ? null : SimulationHttp.Create(1);
            var logs = logOptions.Create(result, generator, plan.Faults, Positive(result.GetValue(attempts), "--max-attempts"), logHttp);
            if (listenEndpoint is not null)
            {
                // Scrapers pull the metrics; the logs are still pushed, step by step in real time, while it listens.
                var pushLogs = logs is null ? Task.FromResult<SimulationResult?>(null) : RunLogsAsync(generator, logs, steps, cancellationToken);
                await SimulationListener.RunAsync(generator, listenEndpoint, endMs, output, cancellationToken);
                if (await pushLogs is { } logFigures)
                {
                    await output.WriteLineAsync(SimulationReport.Format(logFigures, null, logs));
                }

                return logs is { Sink.Failures.FailedRequests: > 0 } ? ExitCodes.Failure : ExitCodes.Success;
            }

            using var http = targetUri is null ? null : SimulationHttp.Create(result.GetValue(concurrency));
            var sink = targetUri is null || http is null
                ? null
                : new RemoteWriteSink(
                    new RemoteWriteSinkOptions(targetUri, Positive(result.GetValue(concurrency), "--concurrency"), Positive(result.GetValue(perRequest), "--series-per-request"), Positive(result.GetValue(attempts), "--max-attempts")),
                    [.. generator.Catalog.Series.Select(s => s.Labels)], http, TimeProvider.System);
            var figures = await new SimulationRunner(generator, sink, TimeProvider.System, logs).RunAsync(steps, mode, cancellationToken);
            await output.WriteLineAsync(SimulationReport.Format(figures, sink, logs));
            return sink is { Failures.FailedRequests: > 0 } || logs is { Sink.Failures.FailedRequests: > 0 } ? ExitCodes.Failure : ExitCodes.Success;
        });

        return command;
    }

    private static async Task<SimulationResult?> RunLogsAsync(FleetGenerator generator, SimulationLogs logs, long steps, CancellationToken cancellationToken) =>
        await new SimulationRunner(generator, null, TimeProvider.System, logs).RunAsync(steps, SimulationSpeed.Realtime, cancellationToken);

    private static SeriesCatalog Select(SeriesCatalog catalog, string? metrics)
    {
        if (metrics is null)
        {
            return catalog;
        }

        System.Text.RegularExpressions.Regex pattern;
        try
        {
            // Anchored, as PromQL's =~ is.
            pattern = new System.Text.RegularExpressions.Regex($"^(?:{metrics})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--metrics: '{metrics}' is not a regular expression: {e.Message}");
        }

        var selected = catalog.Where(s => pattern.IsMatch(s.Labels.MetricName ?? string.Empty));
        return selected.Count > 0 ? selected : throw new UsageException($"--metrics: '{metrics}' matches no simulated metric");
    }

    private static FaultPlan Plan(string scenario, Fleet fleet, long startMs, long endMs, ulong seed)
    {
        try
        {
            return FaultPlan.Create(scenario, fleet, startMs, endMs, seed);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--scenario: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    // Scrapes pull the step their clock falls in, so a listener cannot also push (--target) or run ahead (--speed max).
    private static System.Net.IPEndPoint? ListenEndpoint(string? value, Uri? target, SimulationSpeed mode) =>
        value is null ? null
        : target is not null ? throw new UsageException("--listen and --target cannot be combined: a listener is scraped, a target is pushed to")
        : mode == SimulationSpeed.Max ? throw new UsageException("--listen serves the step of the current time: use --speed realtime")
        : SimulationListener.Endpoint(value);

    private static Uri HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--target: '{value}' is not an http(s) URL");

    private static long Start(string? value, SimulationSpeed mode, TimeSpan span, TimeSpan interval)
    {
        if (value is null)
        {
            // Aligned to the step, as a scraper's timestamps are; max backfills the span that ends now.
            var now = TimeProvider.System.GetUtcNow() - (mode == SimulationSpeed.Max ? span : TimeSpan.Zero);
            var stepMs = (long)interval.TotalMilliseconds;
            return now.ToUnixTimeMilliseconds() / stepMs * stepMs;
        }

        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800m)
        {
            return (long)(seconds * 1000);
        }

        return DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw new UsageException($"--start: '{value}' is not an RFC 3339 time or unix seconds");
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} must be positive, not {value}");

    private static TimeSpan Duration(string? value, string option) =>
        PrometheusDuration.TryParse(value, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new UsageException($"{option}: '{value}' is not a duration (e.g. 15s, 1h)");
}
