using System.CommandLine;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.Otlp;

namespace DeepSeek.Observe.Host.Cli;

/// <summary><c>simulate</c>'s log options: where the fleet's logs go over OTLP/HTTP, and how many a healthy node writes.</summary>
internal sealed class SimulateLogOptions
{
    public Option<string?> Otlp { get; } = new("--otlp")
    {
        Description = "send the fleet's logs over OTLP/HTTP: a base URL (http://127.0.0.1:9470) or the full .../v1/logs URL",
        HelpName = "URL",
    };

    public Option<double> Rate { get; } = new("--log-rate")
    {
        Description = "background log lines per node per minute (journald, Kubernetes events, containers), with --otlp",
        DefaultValueFactory = _ => FleetLogGenerator.DefaultLinesPerNodePerMinute,
        HelpName = "LINES",
    };

    /// <summary>Where logs go (null without <c>--otlp</c>), once both options are checked.</summary>
    public Uri? Endpoint(ParseResult result)
    {
        var rate = result.GetValue(Rate);
        if (double.IsNaN(rate) || rate < 0)
        {
            throw new UsageException($"--log-rate must not be negative, not {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return result.GetValue(Otlp) is not { } value ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new UsageException($"--otlp: '{value}' is not an http(s) URL");
    }

    /// <summary>The run's log side, or null without <c>--otlp</c>.</summary>
    public SimulationLogs? Create(ParseResult result, FleetGenerator generator, IReadOnlyList<Fault> faults, int maxAttempts, HttpClient? http) =>
        Endpoint(result) is { } endpoint && http is not null
            ? new SimulationLogs(new FleetLogGenerator(generator, faults, result.GetValue(Rate)), new OtlpLogSink(new OtlpLogSinkOptions(endpoint, MaxAttempts: maxAttempts), http, TimeProvider.System))
            : null;
}
