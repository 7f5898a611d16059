using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// The rule-evaluation settings of configuration section <c>Alerting</c> (Prometheus's <c>rule_files</c> and
/// <c>global</c> settings, and its <c>--rules.alert.*</c> flags).
/// </summary>
public sealed class RuleEvaluationOptions
{
    /// <summary>Rule files to load: paths or globs (<c>serve --rules 'alert-rules/*.yml'</c>, repeatable).</summary>
    public List<string> RuleFiles { get; set; } = [];

    /// <summary>How often a group without its own <c>interval</c> is evaluated (Prometheus's default is 1m).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Labels added to sent alerts that lack them, and <c>$externalLabels</c> in templates.</summary>
    public Dictionary<string, string> ExternalLabels { get; set; } = [];

    /// <summary>This platform's URL as users reach it: <c>$externalURL</c> and the alerts' generator links.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>Least time between two notifications of the same firing alert (Prometheus's 1m).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);
}
