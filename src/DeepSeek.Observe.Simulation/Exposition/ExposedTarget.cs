using System.Text;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// One scrape target of the simulated fleet (a dcgm-exporter or node-exporter pod on a node, the kubelet, the
/// kube-state-metrics service, a training rank, an inference pod): the series that carry its <c>job</c> and
/// <c>instance</c>, grouped into families as an exporter writes them.
/// </summary>
public sealed class ExposedTarget
{
    /// <summary>The labels a Prometheus scrape adds itself, so an exporter never writes them.</summary>
    private static readonly string[] s_scrapeLabels = [LabelNames.MetricName, "job", "instance"];

    internal ExposedTarget(string job, string instance, IReadOnlyList<(int Index, SimulatedSeries Series)> series)
    {
        Job = job;
        Instance = instance;
        SeriesCount = series.Count;
        Families = [.. series
            .GroupBy(s => Family(s.Series.Labels.MetricName!))
            .Select(g => new ExposedFamily(g.Key, [.. g.Select(s => s.Index)], [.. g.Select(s => LinePrefix(s.Series.Labels))]))];
    }

    public string Job { get; }

    public string Instance { get; }

    /// <summary>Where the listener serves this target: the job and instance as path segments (':' is legal in a path).</summary>
    public string Path => $"/targets/{Uri.EscapeDataString(Job)}/{Instance}/metrics";

    public int SeriesCount { get; }

    public IReadOnlyList<ExposedFamily> Families { get; }

    private static MetricFamily Family(string metric) =>
        MetricFamilies.Of(metric) ?? throw new InvalidOperationException($"no # TYPE declared for {metric} (add it to {nameof(MetricFamilies)})");

    // "name{a="x",b="y"} ", built once: a scrape only appends values.
    private static string LinePrefix(LabelSet labels)
    {
        var line = new StringBuilder(labels.MetricName);
        var first = true;
        foreach (var label in labels)
        {
            if (Array.IndexOf(s_scrapeLabels, label.Name) >= 0)
            {
                continue;
            }

            line.Append(first ? '{' : ',').Append(label.Name).Append("=\"");
            ExpositionWriter.AppendEscaped(line, label.Value, quotes: true);
            line.Append('"');
            first = false;
        }

        return line.Append(first ? " " : "} ").ToString();
    }
}
