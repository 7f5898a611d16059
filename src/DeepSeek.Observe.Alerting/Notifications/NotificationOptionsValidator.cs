using DeepSeek.Observe.Alerting.Notifications.Config;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>Start-up check that the Alertmanager-format file reads and validates, naming the line to fix.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        if (!Uri.TryCreate(options.ExternalUrl, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail($"{AlertingOptions.SectionName}:{nameof(NotificationOptions.ExternalUrl)}: \"{options.ExternalUrl}\" is not an absolute URL");
        }

        if (string.IsNullOrEmpty(options.NotificationConfigFile))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            NotificationConfig.Load(options.NotificationConfigFile);
            return ValidateOptionsResult.Success;
        }
        catch (NotificationConfigException ex)
        {
            return ValidateOptionsResult.Fail($"{AlertingOptions.SectionName}:{nameof(NotificationOptions.NotificationConfigFile)}: {ex.Message}");
        }
    }
}
