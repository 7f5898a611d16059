namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>The named HttpClient every scrape uses (configured in <see cref="ScrapeExtensions.AddScrape"/>).</summary>
internal static class ScrapeHttp
{
    public const string ClientName = "DeepSeek.Observe.Scrape";

    public static string UserAgent { get; } =
        $"deepseek-observe/{typeof(ScrapeHttp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";
}
