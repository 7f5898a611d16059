using System.Text;

namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// A Prometheus <c>scrape_configs</c> section that scrapes every simulated target from one listener. Each target is
/// its own scrape job whose <c>metrics_path</c> is the target's path and whose static labels set <c>job</c> and
/// <c>instance</c> to the simulated ones (Prometheus lets target labels override both): this needs no relabeling, so
/// <c>serve --scrape-config</c>, which supports static_configs only, reads the same file.
/// </summary>
public static class ScrapeConfigWriter
{
    /// <param name="targets">the targets, from <see cref="FleetTargets.Of"/>.</param>
    /// <param name="address">host:port the scraper reaches the listener at.</param>
    /// <param name="interval">the scrape interval: the simulation's step, so each step is scraped once.</param>
    /// <param name="timeout">the scrape timeout (Prometheus rejects one longer than the interval).</param>
    public static string Write(IEnumerable<ExposedTarget> targets, string address, string interval, string timeout)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var yaml = new StringBuilder()
            .Append("# deepseek-observe simulate --listen: one scrape job per simulated target, relabeled to the target's job and instance.\n")
            .Append("scrape_configs:\n");
        foreach (var target in targets)
        {
            yaml.Append("  - job_name: ").Append(Quoted($"{target.Job}/{target.Instance}")).Append('\n')
                .Append("    scrape_interval: ").Append(interval).Append('\n')
                .Append("    scrape_timeout: ").Append(timeout).Append('\n')
                .Append("    metrics_path: ").Append(Quoted(target.Path)).Append('\n')
                .Append("    static_configs:\n")
                .Append("      - targets: [").Append(Quoted(address)).Append("]\n")
                .Append("        labels:\n")
                .Append("          job: ").Append(Quoted(target.Job)).Append('\n')
                .Append("          instance: ").Append(Quoted(target.Instance)).Append('\n');
        }

        return yaml.ToString();
    }

    // Double-quoted YAML scalars: names hold ':' and '/', which plain scalars may misread.
    private static string Quoted(string value) => $"\"{value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
