using DeepSeek.Observe.Alerting.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class NotificationDeliveryOptionsValidatorTests
{
    [Theory]
    [InlineData("Alerting:WebhookSigningKeyFile", "/nonexistent/webhook.key", "Alerting:WebhookSigningKeyFile: cannot read '/nonexistent/webhook.key'")]
    [InlineData("Alerting:RetryMaxDelay", "00:00:00.5", "Alerting:RetryMaxDelay (00:00:00.5000000) must not be less than RetryInitialDelay")]
    [InlineData("Alerting:MaxDeliveryAttempts", "0", "MaxDeliveryAttempts")]
    public async Task Options_BadSetting_FailNamingIt(string key, string value, string expected)
    {
        using var directory = new TemporaryDirectory();
        await using var fixture = DeliveryFixture.Create(directory.Path, settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => fixture.Services.GetRequiredService<IOptions<NotificationDeliveryOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_EmptyKeyFile_Fails()
    {
        using var directory = new TemporaryDirectory();
        var keyFile = Path.Combine(directory.Path, "empty.key");
        await File.WriteAllTextAsync(keyFile, "\n");
        await using var fixture = DeliveryFixture.Create(directory.Path, settings: new Dictionary<string, string?> { ["Alerting:WebhookSigningKeyFile"] = keyFile });

        var error = Assert.Throws<OptionsValidationException>(() => fixture.Services.GetRequiredService<IOptions<NotificationDeliveryOptions>>().Value);

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }
}
