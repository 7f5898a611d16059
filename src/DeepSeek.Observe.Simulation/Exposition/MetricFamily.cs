namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// A metric family as its exporter declares it in the text exposition format: the <c># TYPE</c> (counter, gauge,
/// histogram) and the <c># HELP</c> text. A histogram family's name is the base of its <c>_bucket</c>, <c>_sum</c>
/// and <c>_count</c> series.
/// </summary>
public sealed record MetricFamily(string Name, string Type, string Help)
{
    public const string Counter = "counter";
    public const string Gauge = "gauge";
    public const string Histogram = "histogram";
}
