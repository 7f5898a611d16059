using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Messaging.Internal;

/// <summary>Checks that the broker address parses, naming the setting to fix.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options) =>
        options.Transport == BusTransport.RabbitMq && !RabbitMqAddress.TryParse(options.RabbitMq, out _, out var error)
            ? ValidateOptionsResult.Fail($"Messaging:RabbitMq (--rabbitmq / OBSERVE_RABBITMQ): {error}")
            : ValidateOptionsResult.Success;
}
