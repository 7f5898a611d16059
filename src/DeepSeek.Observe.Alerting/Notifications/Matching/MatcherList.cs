using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Matching;

/// <summary>Helpers over a conjunction of matchers.</summary>
public static class MatcherList
{
    /// <summary>Whether every matcher matches (an empty list matches everything).</summary>
    public static bool MatchesAll(this IReadOnlyList<Matcher> matchers, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Alertmanager's notation of a list, <c>{a="b",c=~"d"}</c>, as used in route keys.</summary>
    public static string Format(IEnumerable<Matcher> matchers) => "{" + string.Join(",", matchers) + "}";

    /// <summary>Alertmanager's order of a route's matchers: by name, then value, then operator.</summary>
    public static List<Matcher> Sorted(IEnumerable<Matcher> matchers) =>
        [.. matchers.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Value, StringComparer.Ordinal).ThenBy(m => m.Type)];
}
