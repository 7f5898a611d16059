using DeepSeek.Observe.Messaging.Internal;

namespace DeepSeek.Observe.Messaging.Tests;

public class MessagingOptionsTests
{
    [Fact]
    public void Transport_WithoutUri_IsInMemory()
    {
        Assert.Equal(BusTransport.InMemory, new MessagingOptions().Transport);
        Assert.Equal(BusTransport.RabbitMq, new MessagingOptions { RabbitMq = "amqp://mq" }.Transport);
    }

    [Fact]
    public void Validate_BadUri_NamesTheSetting()
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { RabbitMq = "mq:5672" });

        Assert.True(result.Failed);
        Assert.Contains("--rabbitmq", result.FailureMessage, StringComparison.Ordinal);
    }
}
