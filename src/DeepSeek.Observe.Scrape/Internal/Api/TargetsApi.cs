using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Scrape.Internal.Scraping;

namespace DeepSeek.Observe.Scrape.Internal.Api;

/// <summary>
/// <c>GET /api/v1/targets</c> in Prometheus's shape (Grafana and people read it): <c>state</c> = active | dropped |
/// any and <c>scrapePool</c> filter as in Prometheus. Without relabeling no target is ever dropped.
/// </summary>
internal static class TargetsApi
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Handle(ScrapeTargets targets, string? state, string? scrapePool)
    {
        state = string.IsNullOrEmpty(state) ? "any" : state.ToLowerInvariant();
        if (state is not ("active" or "dropped" or "any"))
        {
            return Results.Json(
                new { status = "error", errorType = "bad_data", error = $"invalid state \"{state}\": expected active, dropped or any" },
                s_json,
                statusCode: StatusCodes.Status400BadRequest);
        }

        var active = state is "dropped"
            ? []
            : targets.Scrapers
                .Where(s => string.IsNullOrEmpty(scrapePool) || s.Target.Job.JobName == scrapePool)
                .Select(ToView)
                .ToList();
        return Results.Json(new { status = "success", data = new TargetsView(active, []) }, s_json);
    }

    private static ActiveTargetView ToView(TargetScraper scraper)
    {
        var target = scraper.Target;
        var health = scraper.Health;
        return new ActiveTargetView(
            target.DiscoveredLabels,
            target.Labels.ToDictionary(),
            target.Job.JobName,
            target.Url.AbsoluteUri,
            target.Url.AbsoluteUri,
            health.LastError,
            // Go's zero time is what Prometheus reports for a target not scraped yet.
            health.LastScrape is { } last ? last.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00Z",
            health.LastScrapeDuration.TotalSeconds,
            health.Health,
            PrometheusDuration.Format(target.Job.ScrapeInterval),
            PrometheusDuration.Format(target.Job.ScrapeTimeout));
    }
}
