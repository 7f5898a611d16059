using DeepSeek.Observe.Alerting.Delivery;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class DeliveryBackoffTests
{
    [Fact]
    public void Delay_Defaults_DoubleFromOneSecondCappedAtThirty()
    {
        var delays = Enumerable.Range(1, 9).Select(n => DeliveryBackoff.Delay(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30, 30], delays);
    }

    [Fact]
    public void Delay_ManyFailures_DoesNotOverflow() =>
        Assert.Equal(TimeSpan.FromDays(1), DeliveryBackoff.Delay(int.MaxValue, TimeSpan.FromHours(1), TimeSpan.FromDays(1)));
}
