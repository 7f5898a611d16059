using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>Alertmanager's rules for a silence that can be stored; messages follow its wording.</summary>
internal static class SilenceValidation
{
    public static string? Validate(IReadOnlyList<Matcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (matchers.Count == 0)
        {
            return "at least one matcher required";
        }

        // A silence whose every matcher accepts the empty string would mute every alert there is.
        if (matchers.All(m => m.Matches((string?)null)))
        {
            return "at least one matcher must not match the empty string";
        }

        if (endsAt <= startsAt)
        {
            return "start time must be before end time";
        }

        if (endsAt < now)
        {
            return "end time can't be in the past";
        }

        return null;
    }
}
