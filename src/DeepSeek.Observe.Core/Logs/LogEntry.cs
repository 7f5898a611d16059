namespace DeepSeek.Observe.Core.Logs;

/// <summary>
/// One log line of a stream, as Loki models it: a timestamp kept to the nanosecond (OTLP and Loki both send
/// nanoseconds, and ordering lines of one burst needs them), the line, and structured metadata — attributes that
/// describe this line only (trace ids, request ids) and so must not become stream labels, which would multiply streams.
/// </summary>
/// <param name="TimestampNs">Unix time in nanoseconds.</param>
/// <param name="Line">The log line (an OTLP body that is not a string arrives as JSON).</param>
/// <param name="Metadata">Structured metadata; <see cref="LabelSet.Empty"/> when there is none.</param>
public sealed record LogEntry(long TimestampNs, string Line, LabelSet Metadata)
{
    public LogEntry(long timestampNs, string line)
        : this(timestampNs, line, LabelSet.Empty)
    {
    }
}
