namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>Where a silence is in time; the API spells these in lower case.</summary>
internal enum SilenceState
{
    Pending,
    Active,
    Expired,
}
