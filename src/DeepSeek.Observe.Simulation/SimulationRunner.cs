using System.Diagnostics;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Drives a generator step by step into an optional sink. While one step is being sent the next is generated into a
/// second buffer, so at <see cref="SimulationSpeed.Max"/> the slower of the two sets the pace; at
/// <see cref="SimulationSpeed.Realtime"/> each step waits for its timestamp on <see cref="TimeProvider"/>. With
/// <paramref name="logs"/>, each step's log window [t, t + step) is sent alongside its metrics.
/// </summary>
public sealed class SimulationRunner(FleetGenerator generator, RemoteWriteSink? sink, TimeProvider clock, SimulationLogs? logs = null)
{
    public Task<SimulationResult> RunAsync(long steps, SimulationSpeed speed, CancellationToken cancellationToken) =>
        RunAsync(0, steps, speed, cancellationToken);

    /// <summary>Runs steps <paramref name="firstStep"/> … <paramref name="firstStep"/> + <paramref name="steps"/> − 1 (a long run in parts, e.g. the demo's horizons).</summary>
    public async Task<SimulationResult> RunAsync(long firstStep, long steps, SimulationSpeed speed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        // With only logs to send (simulate --otlp alone, or beside --listen) no step's metric values are needed: the
        // log generator reads the few it quotes itself. Without any sink, generating them is the benchmark.
        var metrics = sink is not null || logs is null;
        var current = new double[metrics ? generator.Catalog.Count : 0];
        var next = new double[current.Length];
        var generation = TimeSpan.Zero;
        var elapsed = Stopwatch.StartNew();

        TimeSpan Generate(long step, double[] values)
        {
            var started = Stopwatch.GetTimestamp();
            generator.Generate(step, values);
            return Stopwatch.GetElapsedTime(started);
        }

        if (steps > 0 && metrics)
        {
            generation += Generate(firstStep, current);
        }

        long done = 0;
        for (; done < steps && !cancellationToken.IsCancellationRequested; done++)
        {
            var timestampMs = generator.Time.TimestampMs(firstStep + done);
            if (speed == SimulationSpeed.Realtime && await WaitUntilAsync(timestampMs, cancellationToken))
            {
                break;
            }

            var send = Task.WhenAll(
                sink?.SendStepAsync(timestampMs, current, cancellationToken) ?? Task.CompletedTask,
                logs is null ? Task.CompletedTask : Task.Run(() => logs.SendWindowAsync(timestampMs, timestampMs + generator.Time.StepMs, cancellationToken), cancellationToken));
            var step = firstStep + done + 1;
            var generate = metrics && done + 1 < steps ? Task.Run(() => Generate(step, next), cancellationToken) : Task.FromResult(TimeSpan.Zero);
            await Task.WhenAll(send, generate);
            generation += await generate;
            (current, next) = (next, current);
        }

        return new SimulationResult(done, metrics ? done * generator.Catalog.Count : 0, generation, elapsed.Elapsed);
    }

    // True when cancelled while waiting.
    private async Task<bool> WaitUntilAsync(long timestampMs, CancellationToken cancellationToken)
    {
        var wait = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs) - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await Task.Delay(wait, clock, cancellationToken);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }
}
