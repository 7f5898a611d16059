using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>Mutes every alert its matchers match between <see cref="StartsAt"/> and <see cref="EndsAt"/>.</summary>
internal sealed record Silence(
    string Id,
    IReadOnlyList<Matcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    string Comment)
{
    public SilenceState State(DateTimeOffset now) =>
        EndsAt <= now ? SilenceState.Expired : StartsAt > now ? SilenceState.Pending : SilenceState.Active;

    public bool Mutes(LabelSet labels, DateTimeOffset now) => State(now) == SilenceState.Active && Matchers.MatchesAll(labels);
}
