using DeepSeek.Observe.Scrape.Internal.Scraping;

namespace DeepSeek.Observe.Scrape.Tests;

public class ScrapeScheduleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(0, 3000, 3000)]
    [InlineData(3000, 3000, 0)]
    [InlineData(4000, 3000, 14000)]
    [InlineData(14999, 0, 1)]
    public void UntilNext_AlignsToOffsetWithinInterval(long nowMs, long offsetMs, long expectedMs)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_010_000 + nowMs); // a multiple of 15 s since the epoch

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ScrapeSchedule.UntilNext(now, s_interval, TimeSpan.FromMilliseconds(offsetMs)));
    }

    [Fact]
    public void Offset_IsWithinIntervalAndStablePerHash()
    {
        Assert.Equal(ScrapeSchedule.Offset(12345, s_interval), ScrapeSchedule.Offset(12345, s_interval));
        Assert.InRange(ScrapeSchedule.Offset(ulong.MaxValue, s_interval), TimeSpan.Zero, s_interval - TimeSpan.FromTicks(1));
        Assert.NotEqual(ScrapeSchedule.Offset(1, s_interval), ScrapeSchedule.Offset(2, s_interval));
    }
}
