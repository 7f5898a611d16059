using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Every series a fleet emits each step, built once: label sets are precomputed so generation only fills values, and
/// series are grouped by exporter (dcgm-exporter, kube-state-metrics, cAdvisor, training ranks, inference pods).
/// Names and labels are documented in the project's README.
/// </summary>
public sealed partial class SeriesCatalog
{
    private readonly List<SimulatedSeries> _series = [];
    private readonly ulong _seed;

    public SeriesCatalog(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        Fleet = fleet;
        _seed = fleet.Spec.Seed;
        AddDcgm();
        AddNodes();
        AddKubernetes();
        AddTraining();
        AddInference();
        Series = [.. _series];
        _series.Clear();
    }

    private SeriesCatalog(Fleet fleet, SimulatedSeries[] series)
    {
        Fleet = fleet;
        _seed = fleet.Spec.Seed;
        Series = series;
    }

    public Fleet Fleet { get; }

    /// <summary>The series in a fixed order; generated values are indexed the same way.</summary>
    public SimulatedSeries[] Series { get; }

    public int Count => Series.Length;

    /// <summary>
    /// The series <paramref name="keep"/> selects, with the same values they have in the whole catalog (a value depends
    /// only on the series, never on its neighbours): for sending a part of a large fleet, e.g. one metric.
    /// </summary>
    public SeriesCatalog Where(Func<SimulatedSeries, bool> keep) => new(Fleet, [.. Series.Where(keep)]);

    private void Add(SignalKind kind, int entity, string metric, KeyValuePair<string, string>[] common, double parameter = 0, params ReadOnlySpan<KeyValuePair<string, string>> extra)
    {
        var labels = new KeyValuePair<string, string>[common.Length + 1 + extra.Length];
        labels[0] = KeyValuePair.Create(LabelNames.MetricName, metric);
        common.CopyTo(labels, 1);
        extra.CopyTo(labels.AsSpan(1 + common.Length));
        var set = LabelSet.Create(labels);
        _series.Add(new SimulatedSeries(set, kind, entity, StableHash.Combine(_seed, set.Fingerprint), parameter));
    }

    private static KeyValuePair<string, string> L(string name, string value) => KeyValuePair.Create(name, value);
}
