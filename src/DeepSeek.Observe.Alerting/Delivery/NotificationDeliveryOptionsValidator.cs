using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>Checks what attributes cannot: the signing key file is readable and not empty, the delays ordered.</summary>
internal sealed class NotificationDeliveryOptionsValidator : IValidateOptions<NotificationDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationDeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{AlertingOptions.SectionName}:{nameof(options.RetryMaxDelay)} ({options.RetryMaxDelay}) must not be less than {nameof(options.RetryInitialDelay)} ({options.RetryInitialDelay}).");
        }

        if (!string.IsNullOrWhiteSpace(options.WebhookSigningKeyFile))
        {
            try
            {
                if (WebhookSigner.ReadKey(options.WebhookSigningKeyFile).Length == 0)
                {
                    failures.Add($"{AlertingOptions.SectionName}:{nameof(options.WebhookSigningKeyFile)}: '{options.WebhookSigningKeyFile}' is empty.");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{AlertingOptions.SectionName}:{nameof(options.WebhookSigningKeyFile)}: cannot read '{options.WebhookSigningKeyFile}': {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
