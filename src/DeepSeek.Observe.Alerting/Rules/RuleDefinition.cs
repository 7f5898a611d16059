using DeepSeek.Observe.Alerting.Rules.Templates;

namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>Whether a rule records a new series or raises alerts.</summary>
public enum RuleKind
{
    Recording,
    Alerting,
}

/// <summary>One validated rule of a rule file, in Prometheus's rule-file format.</summary>
/// <param name="Kind">Recording (<c>record</c>) or alerting (<c>alert</c>).</param>
/// <param name="Name">The record's metric name or the alert's name.</param>
/// <param name="Expression">The PromQL expression; it parsed at load time.</param>
/// <param name="For">How long the expression must hold before an alert fires (alerting rules only).</param>
/// <param name="KeepFiringFor">How long an alert keeps firing after the expression stops holding.</param>
/// <param name="Labels">Labels added to each result, in file order; templates for alerting rules.</param>
/// <param name="Annotations">Alert annotations, in file order.</param>
public sealed record RuleDefinition(
    RuleKind Kind,
    string Name,
    string Expression,
    TimeSpan For,
    TimeSpan KeepFiringFor,
    IReadOnlyList<KeyValuePair<string, RuleTemplate>> Labels,
    IReadOnlyList<KeyValuePair<string, RuleTemplate>> Annotations);

/// <summary>A group of rules evaluated in order at one interval.</summary>
/// <param name="File">The file the group came from (as given or globbed).</param>
/// <param name="Name">Unique within its file.</param>
/// <param name="Interval">The group's own interval, or null for the global evaluation interval.</param>
/// <param name="Limit">Most alerts (or recorded series) per rule; 0 means no limit.</param>
/// <param name="Rules">The rules in file order.</param>
public sealed record RuleGroupDefinition(string File, string Name, TimeSpan? Interval, int Limit, IReadOnlyList<RuleDefinition> Rules);

/// <summary>What loading rule files produced: every valid group, or every error found (file, group and rule named).</summary>
public sealed record RuleLoadResult(IReadOnlyList<RuleGroupDefinition> Groups, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
