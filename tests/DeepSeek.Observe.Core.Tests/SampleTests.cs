namespace DeepSeek.Observe.Core.Tests;

public class SampleTests
{
    [Fact]
    public void IsStaleMarker_OnlyForPrometheusBitPattern()
    {
        Assert.True(new Sample(0, Sample.StaleNaN).IsStaleMarker);
        Assert.False(new Sample(0, double.NaN).IsStaleMarker);
        Assert.False(new Sample(0, 1.5).IsStaleMarker);
    }

    [Fact]
    public void Timestamp_IsMillisecondsSinceEpoch()
    {
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new Sample(1_704_067_200_000, 1).Timestamp);
    }
}
