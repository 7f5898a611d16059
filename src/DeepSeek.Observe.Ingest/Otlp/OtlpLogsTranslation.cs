using DeepSeek.Observe.Core.Logs;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>The log streams an OTLP logs request maps to, and the records that could not be mapped, with why.</summary>
public sealed record OtlpLogsTranslation(IReadOnlyList<StreamEntries> Streams, long RejectedLogRecords, string? ErrorMessage);
