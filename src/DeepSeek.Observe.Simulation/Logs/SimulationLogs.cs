using DeepSeek.Observe.Simulation.Otlp;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>
/// The log side of a run: <see cref="SimulationRunner"/> hands it each step's window [t, t + step), whose lines are
/// generated and sent while the step's metrics are, so logs keep pace with the metrics they go with.
/// </summary>
public sealed class SimulationLogs
{
    private long _linesGenerated;

    public SimulationLogs(FleetLogGenerator generator, OtlpLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sink);
        Generator = generator;
        Sink = sink;
    }

    public FleetLogGenerator Generator { get; }

    public OtlpLogSink Sink { get; }

    public long LinesGenerated => Interlocked.Read(ref _linesGenerated);

    public async Task SendWindowAsync(long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var lines = Generator.Logs(fromMs, toMs);
        Interlocked.Add(ref _linesGenerated, lines.Count);
        await Sink.SendAsync(lines, cancellationToken);
    }
}
