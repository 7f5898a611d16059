namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>The catalog's series split into the scrape targets that would expose them, in catalog order.</summary>
public static class FleetTargets
{
    public static IReadOnlyList<ExposedTarget> Of(SeriesCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Series
            .Select((series, index) => (Index: index, Series: series))
            .GroupBy(s => (Job: s.Series.Labels["job"] ?? string.Empty, Instance: s.Series.Labels["instance"] ?? string.Empty))
            .Select(g => new ExposedTarget(g.Key.Job, g.Key.Instance, [.. g]))];
    }
}
