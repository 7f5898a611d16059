using System.CommandLine;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Host.Bench;

namespace DeepSeek.Observe.Host.Cli;

/// <summary><c>deepseek-observe bench ingest</c>: load any remote_write receiver and print its figures.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output)
    {
        var target = new Option<string>("--target") { Description = "remote_write URL, e.g. http://127.0.0.1:9470/api/v1/write", Required = true, HelpName = "URL" };
        var series = new Option<int>("--series") { Description = "distinct DCGM-shaped series", DefaultValueFactory = _ => 8000 };
        var perRequest = new Option<int>("--samples-per-request") { Description = "samples in one request (Prometheus: max_samples_per_send)", DefaultValueFactory = _ => 500 };
        var concurrency = new Option<int>("--concurrency") { Description = "concurrent senders (Prometheus: shards)", DefaultValueFactory = _ => 8 };
        var duration = new Option<string>("--duration") { Description = "how long to send, e.g. 20s", DefaultValueFactory = _ => "20s", HelpName = "DURATION" };
        var step = new Option<string>("--step") { Description = "scrape interval between a series' samples", DefaultValueFactory = _ => "15s", HelpName = "DURATION" };

        var ingest = new Command("ingest", "Send identical DCGM-shaped remote_write load to a receiver; print samples/s and latency.")
        {
            target, series, perRequest, concurrency, duration, step,
        };
        ingest.SetAction(async (result, cancellationToken) =>
        {
            var options = new IngestBenchmarkOptions(
                Uri.TryCreate(result.GetValue(target), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri
                    : throw new UsageException($"--target: '{result.GetValue(target)}' is not an http(s) URL"),
                Positive(result.GetValue(series), "--series"),
                Positive(result.GetValue(perRequest), "--samples-per-request"),
                Positive(result.GetValue(concurrency), "--concurrency"),
                Duration(result.GetValue(duration), "--duration"),
                Duration(result.GetValue(step), "--step"));

            await output.WriteLineAsync(
                $"bench ingest: target={options.Target} series={options.Series} samples_per_request={options.SamplesPerRequest} concurrency={options.Concurrency} duration={options.Duration.TotalSeconds}s");
            var figures = await new IngestBenchmark(options, TimeProvider.System).RunAsync(cancellationToken);
            await output.WriteLineAsync(figures.ToString());
            return figures.SamplesAcknowledged > 0 ? ExitCodes.Success : ExitCodes.Failure;
        });

        return new Command("bench", "Benchmarks that print their figures (compare targets in one run).") { ingest, PromqlCompatCommand.Create(output) };
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} must be positive, not {value}");

    private static TimeSpan Duration(string? value, string option) =>
        PrometheusDuration.TryParse(value, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new UsageException($"{option}: '{value}' is not a duration (e.g. 20s, 1m)");
}
