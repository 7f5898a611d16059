namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>A YAML value with where it was written (1-based line and column; 0:0 when absent, as Prometheus prints).</summary>
internal readonly record struct PositionedValue(string Value, long Line, long Column)
{
    public static PositionedValue Absent { get; } = new(string.Empty, 0, 0);

    public string Position => $"{Line}:{Column}";
}

/// <summary>A rule as written, before validation: Prometheus's rulefmt.RuleNode.</summary>
internal sealed record RawRule(
    PositionedValue Record,
    PositionedValue Alert,
    PositionedValue Expr,
    TimeSpan For,
    TimeSpan KeepFiringFor,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations);

/// <summary>A group as written: Prometheus's rulefmt.RuleGroup, with the group node's position.</summary>
internal sealed record RawGroup(string Name, long Line, long Column, TimeSpan Interval, int Limit, IReadOnlyList<RawRule> Rules);
