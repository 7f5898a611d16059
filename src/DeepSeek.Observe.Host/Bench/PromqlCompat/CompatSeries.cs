using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>One hand-made series: its labels and its samples by timestamp (ms).</summary>
internal sealed record CompatSeries(LabelSet Labels, SortedDictionary<long, double> Samples);
