using DeepSeek.Observe.Alerting.Notifications.Alerts;
using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// The inhibition rules applied to one moment's alerts: built once per flush or API call from the firing alerts, so
/// asking about each alert costs a dictionary lookup per rule rather than a scan of all sources.
/// </summary>
internal sealed class Inhibitor
{
    private readonly List<(InhibitRuleConfig Rule, Dictionary<string, List<StoredAlert>> SourcesByEqual)> _rules = [];

    public Inhibitor(IReadOnlyList<InhibitRuleConfig> rules, IEnumerable<StoredAlert> alerts, DateTimeOffset now)
    {
        var firing = alerts.Where(a => !a.IsResolved(now)).ToList();
        foreach (var rule in rules)
        {
            var sources = new Dictionary<string, List<StoredAlert>>(StringComparer.Ordinal);
            foreach (var alert in firing)
            {
                if (rule.SourceMatchers.MatchesAll(alert.Labels))
                {
                    var key = EqualKey(rule, alert.Labels);
                    if (!sources.TryGetValue(key, out var list))
                    {
                        sources[key] = list = [];
                    }

                    list.Add(alert);
                }
            }

            if (sources.Count > 0)
            {
                _rules.Add((rule, sources));
            }
        }
    }

    /// <summary>The fingerprint of a firing alert that inhibits <paramref name="labels"/>, or null.</summary>
    public ulong? InhibitedBy(LabelSet labels)
    {
        foreach (var (rule, sources) in _rules)
        {
            if (!rule.TargetMatchers.MatchesAll(labels) || !sources.TryGetValue(EqualKey(rule, labels), out var candidates))
            {
                continue;
            }

            // An alert that is both source and target must not be muted by itself or by a peer that is too, or
            // two such alerts would silence each other.
            var twoSided = rule.SourceMatchers.MatchesAll(labels);
            foreach (var source in candidates)
            {
                if (!twoSided || !rule.TargetMatchers.MatchesAll(source.Labels))
                {
                    return source.Fingerprint;
                }
            }
        }

        return null;
    }

    // An absent label and an empty one are equal, as in Alertmanager.
    private static string EqualKey(InhibitRuleConfig rule, LabelSet labels) =>
        string.Join('\xff', rule.Equal.Select(name => labels[name] ?? string.Empty));
}
