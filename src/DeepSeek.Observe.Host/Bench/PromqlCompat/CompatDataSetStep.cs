namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>The samples of a <see cref="CompatDataSet"/> at one timestamp: series indexes and their values, in step.</summary>
internal readonly record struct CompatDataSetStep(long TimestampMs, int[] Series, double[] Values);
