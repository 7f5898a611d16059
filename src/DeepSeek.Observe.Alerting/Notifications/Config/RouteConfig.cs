using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Notifications.Config;

/// <summary>
/// One node of the routing tree, with the settings it inherits from its parent already filled in (as Alertmanager
/// resolves them when it loads the file).
/// </summary>
/// <param name="Receiver">Where the alerts of the node's groups go.</param>
/// <param name="GroupBy">Labels that split alerts into groups (sorted); empty: one group for the node.</param>
/// <param name="GroupByAll">group_by: ['...']: every label splits, each alert is its own group.</param>
/// <param name="Matchers">What an alert must match to enter the node (match, match_re and matchers, sorted).</param>
/// <param name="Continue">Whether later siblings are still tried after this node matched.</param>
/// <param name="GroupWait">Wait before a new group's first notification.</param>
/// <param name="GroupInterval">Wait between notifications about changes of a group.</param>
/// <param name="RepeatInterval">Wait before an unchanged firing group is notified again.</param>
/// <param name="Routes">Child routes, in file order.</param>
public sealed record RouteConfig(
    string Receiver,
    IReadOnlyList<string> GroupBy,
    bool GroupByAll,
    IReadOnlyList<Matcher> Matchers,
    bool Continue,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    TimeSpan RepeatInterval,
    IReadOnlyList<RouteConfig> Routes)
{
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);
}
