namespace DeepSeek.Observe.Alerting.Notifications.Silences;

/// <summary>What became of an expire request.</summary>
internal enum ExpireResult
{
    Expired,
    NotFound,
    AlreadyExpired,
}
