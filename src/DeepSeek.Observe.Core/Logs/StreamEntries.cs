namespace DeepSeek.Observe.Core.Logs;

/// <summary>
/// Log entries of one stream (cf. <see cref="Series.SeriesSamples"/>): the stream's labels (Loki-style: where the lines
/// come from — job, namespace, pod, level — never per-line values) and its entries. Receivers hand these to the store;
/// queries return them.
/// </summary>
public sealed record StreamEntries(LabelSet Labels, IReadOnlyList<LogEntry> Entries);
