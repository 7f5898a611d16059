namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>One family's series within one target, in exposition order, with each series' sample line prefix.</summary>
public sealed record ExposedFamily(MetricFamily Family, int[] Series, string[] LinePrefixes);
