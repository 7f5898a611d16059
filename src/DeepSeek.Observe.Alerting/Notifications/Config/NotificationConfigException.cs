namespace DeepSeek.Observe.Alerting.Notifications.Config;

/// <summary>The notification configuration is wrong; the one-line message names the file, line and setting.</summary>
public sealed class NotificationConfigException : Exception
{
    public NotificationConfigException()
    {
    }

    public NotificationConfigException(string message)
        : base(message)
    {
    }

    public NotificationConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
