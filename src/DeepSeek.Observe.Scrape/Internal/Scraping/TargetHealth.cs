namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>The last scrape of a target, as <c>/api/v1/targets</c> reports it. Immutable; replaced after each scrape.</summary>
/// <param name="Health">"unknown" before the first scrape, then "up" or "down".</param>
/// <param name="LastError">Why the last scrape (or its write) failed; empty when it did not.</param>
/// <param name="LastScrape">When the last scrape started, or null before the first.</param>
/// <param name="LastScrapeDuration">How long it took.</param>
internal sealed record TargetHealth(string Health, string LastError, DateTimeOffset? LastScrape, TimeSpan LastScrapeDuration)
{
    public static TargetHealth Unknown { get; } = new("unknown", string.Empty, null, TimeSpan.Zero);
}
