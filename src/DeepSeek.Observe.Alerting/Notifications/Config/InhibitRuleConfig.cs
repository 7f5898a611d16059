using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Notifications.Config;

/// <summary>
/// While a firing alert matches <paramref name="SourceMatchers"/>, alerts matching <paramref name="TargetMatchers"/>
/// with the same values of the <paramref name="Equal"/> labels are muted.
/// </summary>
public sealed record InhibitRuleConfig(
    IReadOnlyList<Matcher> SourceMatchers,
    IReadOnlyList<Matcher> TargetMatchers,
    IReadOnlyList<string> Equal);
