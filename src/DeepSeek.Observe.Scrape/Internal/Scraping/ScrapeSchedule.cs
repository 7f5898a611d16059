namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>When a target is scraped: at fixed instants <c>offset + k × interval</c> since the Unix epoch.</summary>
internal static class ScrapeSchedule
{
    public static TimeSpan Offset(ulong hash, TimeSpan interval) => TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));

    /// <summary>Time from <paramref name="now"/> to the next scrape instant; zero when <paramref name="now"/> is one.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeSpan interval, TimeSpan offset)
    {
        var phase = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - offset.Ticks) % interval.Ticks;
        if (phase < 0)
        {
            phase += interval.Ticks;
        }

        return phase == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(interval.Ticks - phase);
    }
}
