using System.Globalization;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Host.Cli;

/// <summary><c>simulate</c>'s figures as one key=value line, so scripts and tests can read them.</summary>
internal static class SimulationReport
{
    public static string Format(SimulationResult result, RemoteWriteSink? sink, SimulationLogs? logs = null)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"steps={result.Steps} samples_generated={result.SamplesGenerated} generation_samples_per_second={result.GenerationSamplesPerSecond:F0} elapsed_s={result.Elapsed.TotalSeconds:F2}");
        if (sink is not null)
        {
            var failures = sink.Failures;
            var acked = sink.SamplesAcknowledged;
            line += string.Create(CultureInfo.InvariantCulture,
                $" samples_acked={acked} acked_samples_per_second={acked / Math.Max(result.Elapsed.TotalSeconds, 1e-9):F0} requests={failures.Requests} failed_requests={failures.FailedRequests} samples_failed={failures.SamplesFailed} retries={failures.Retries}");
        }

        if (logs is not null)
        {
            var failures = logs.Sink.Failures;
            line += string.Create(CultureInfo.InvariantCulture,
                $" log_lines_generated={logs.LinesGenerated} log_lines_sent={logs.Sink.LinesAcknowledged} log_lines_failed={failures.LinesFailed} log_requests={failures.Requests} log_failed_requests={failures.FailedRequests} log_retries={failures.Retries}");
        }

        return line;
    }
}
