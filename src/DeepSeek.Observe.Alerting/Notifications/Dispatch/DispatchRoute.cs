using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>A node of the routing tree as the dispatcher walks it, with Alertmanager's route key.</summary>
internal sealed class DispatchRoute
{
    public DispatchRoute(RouteConfig config, DispatchRoute? parent)
    {
        Config = config;
        // Alertmanager's route key: the parent's key, '/', and this node's matchers ("{}" for the root), so group
        // keys in payloads read the same as Alertmanager's.
        Key = (parent is null ? string.Empty : parent.Key + "/") + MatcherList.Format(config.Matchers);
        Children = [.. config.Routes.Select(child => new DispatchRoute(child, this))];
    }

    public RouteConfig Config { get; }

    public string Key { get; }

    public IReadOnlyList<DispatchRoute> Children { get; }

    /// <summary>
    /// The nodes an alert is routed to: depth first, the first matching child wins unless it has <c>continue</c>, and
    /// a node none of whose children match takes the alert itself.
    /// </summary>
    public List<DispatchRoute> Match(LabelSet labels)
    {
        var matches = new List<DispatchRoute>();
        Collect(labels, matches);
        return matches;
    }

    /// <summary>The labels that identify the alert's group in this node.</summary>
    public LabelSet GroupLabels(LabelSet labels)
    {
        if (Config.GroupByAll)
        {
            return labels;
        }

        var pairs = new List<KeyValuePair<string, string>>(Config.GroupBy.Count);
        foreach (var name in Config.GroupBy)
        {
            if (labels[name] is { } value)
            {
                pairs.Add(KeyValuePair.Create(name, value));
            }
        }

        return LabelSet.Create(pairs);
    }

    private bool Collect(LabelSet labels, List<DispatchRoute> matches)
    {
        if (!Config.Matchers.MatchesAll(labels))
        {
            return false;
        }

        var before = matches.Count;
        foreach (var child in Children)
        {
            if (child.Collect(labels, matches) && !child.Config.Continue)
            {
                break;
            }
        }

        if (matches.Count == before)
        {
            matches.Add(this);
        }

        return true;
    }
}
