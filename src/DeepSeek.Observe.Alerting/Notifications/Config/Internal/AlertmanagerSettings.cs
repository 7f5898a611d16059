namespace DeepSeek.Observe.Alerting.Notifications.Config.Internal;

/// <summary>
/// Settings Alertmanager 0.25 knows that the platform does not act on: naming them tells the operator the file is
/// fine for Alertmanager but asks for something the platform cannot do, which is different from a typo.
/// </summary>
internal static class AlertmanagerSettings
{
    public static readonly IReadOnlySet<string> TopLevel = new HashSet<string>(StringComparer.Ordinal)
    {
        "templates", "mute_time_intervals", "time_intervals",
    };

    public static readonly IReadOnlySet<string> Global = new HashSet<string>(StringComparer.Ordinal)
    {
        "http_config", "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username", "smtp_auth_password",
        "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity", "smtp_require_tls", "slack_api_url",
        "slack_api_url_file", "pagerduty_url", "opsgenie_api_url", "opsgenie_api_key", "opsgenie_api_key_file",
        "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id", "victorops_api_url", "victorops_api_key",
        "victorops_api_key_file", "telegram_api_url", "webex_api_url",
    };

    public static readonly IReadOnlySet<string> Route = new HashSet<string>(StringComparer.Ordinal)
    {
        "mute_time_intervals", "active_time_intervals",
    };

    public static readonly IReadOnlySet<string> Receiver = new HashSet<string>(StringComparer.Ordinal)
    {
        "email_configs", "pagerduty_configs", "slack_configs", "opsgenie_configs", "wechat_configs",
        "pushover_configs", "victorops_configs", "sns_configs", "telegram_configs", "webex_configs", "discord_configs",
    };

    public static readonly IReadOnlySet<string> Webhook = new HashSet<string>(StringComparer.Ordinal)
    {
        "http_config", "url_file",
    };
}
