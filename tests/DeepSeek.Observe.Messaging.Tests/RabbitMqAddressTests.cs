namespace DeepSeek.Observe.Messaging.Tests;

public class RabbitMqAddressTests
{
    [Theory]
    [InlineData("amqp://127.0.0.1", "127.0.0.1", 5672, "/", "guest", "guest", false)]
    [InlineData("amqp://u:p@mq:5673/prod", "mq", 5673, "prod", "u", "p", false)]
    [InlineData("amqps://u:p%40ss@mq/%2F", "mq", 5671, "/", "u", "p@ss", true)]
    [InlineData("amqp://u@mq/", "mq", 5672, "/", "u", "guest", false)]
    public void TryParse_AmqpUri_ParsesEveryPart(
        string uri, string host, int port, string vhost, string user, string password, bool tls)
    {
        Assert.True(RabbitMqAddress.TryParse(uri, out var address, out _));
        Assert.Equal(new RabbitMqAddress(host, port, vhost, user, password, tls), address);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("http://mq:5672")]
    [InlineData("")]
    public void TryParse_NotAmqp_ExplainsExpectedForm(string uri)
    {
        Assert.False(RabbitMqAddress.TryParse(uri, out _, out var error));
        Assert.Contains("amqp://", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_HidesPassword()
    {
        Assert.Equal("amqp://u:***@mq:5672/", RabbitMqAddress.Redact("amqp://u:secret@mq:5672/"));
    }

    [Fact]
    public void ToString_OmitsPassword()
    {
        Assert.True(RabbitMqAddress.TryParse("amqp://u:secret@mq/", out var address, out _));
        Assert.DoesNotContain("secret", address.ToString(), StringComparison.Ordinal);
    }
}
