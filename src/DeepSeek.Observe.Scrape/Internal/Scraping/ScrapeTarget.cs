using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Scrape.Internal.Config;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>
/// One endpoint of one job, resolved as Prometheus 2.42 does without relabeling: <c>job</c> from job_name,
/// <c>instance</c> from the address, static labels on top (they may override both).
/// </summary>
internal sealed class ScrapeTarget
{
    public ScrapeTarget(ScrapeJob job, string address, IReadOnlyDictionary<string, string> staticLabels, IReadOnlyDictionary<string, string> externalLabels)
    {
        Job = job;
        Address = TargetAddress.WithDefaultPort(address, job.Scheme);
        Url = new Uri($"{job.Scheme}://{Address}{job.MetricsPath}{Query(job.Params)}", UriKind.Absolute);

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["job"] = job.JobName };
        foreach (var (name, value) in staticLabels)
        {
            labels[name] = value;
        }

        labels.TryAdd("instance", Address);
        Labels = LabelSet.Create(labels);
        ExternalLabels = externalLabels.Where(l => l.Value.Length > 0).Select(l => new Label(l.Key, l.Value)).ToArray();
        DiscoveredLabels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__address__"] = Address,
            ["__metrics_path__"] = job.MetricsPath,
            ["__scheme__"] = job.Scheme,
            ["__scrape_interval__"] = PrometheusDuration.Format(job.ScrapeInterval),
            ["__scrape_timeout__"] = PrometheusDuration.Format(job.ScrapeTimeout),
            ["job"] = job.JobName,
        };
        foreach (var (name, value) in staticLabels)
        {
            DiscoveredLabels[name] = value;
        }

        // Spread targets over the interval but keep each one's phase fixed across restarts, as Prometheus does, so
        // scrapes of many targets do not all land on the same instant and a series' spacing stays regular.
        Offset = ScrapeSchedule.Offset(Labels.With("__scrape_url__", Url.AbsoluteUri).Fingerprint, job.ScrapeInterval);
    }

    public ScrapeJob Job { get; }

    /// <summary>host:port, with the scheme's default port when the configuration gave none.</summary>
    public string Address { get; }

    public Uri Url { get; }

    /// <summary>The labels every series of this target gets: job, instance and the static labels.</summary>
    public LabelSet Labels { get; }

    /// <summary>global.external_labels, added to series that lack them.</summary>
    public IReadOnlyList<Label> ExternalLabels { get; }

    /// <summary>The labels before relabeling, for <c>/api/v1/targets</c>.</summary>
    public Dictionary<string, string> DiscoveredLabels { get; }

    /// <summary>This target's phase within its interval.</summary>
    public TimeSpan Offset { get; }

    public static IReadOnlyList<ScrapeTarget> FromConfig(ScrapeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var targets = new List<ScrapeTarget>();
        foreach (var job in config.Jobs)
        {
            var seen = new HashSet<LabelSet>();
            foreach (var group in job.StaticConfigs)
            {
                foreach (var address in group.Targets)
                {
                    var target = new ScrapeTarget(job, address, group.Labels, config.ExternalLabels);

                    // The same address listed twice with the same labels is one target, as in Prometheus.
                    if (seen.Add(target.Labels.With("__scrape_url__", target.Url.AbsoluteUri)))
                    {
                        targets.Add(target);
                    }
                }
            }
        }

        return targets;
    }

    /// <summary>Query parameters sorted by name, as Go's url.Values encodes them.</summary>
    private static string Query(IReadOnlyDictionary<string, IReadOnlyList<string>> parameters)
    {
        var pairs = parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v)}")))
            .ToList();
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }
}
