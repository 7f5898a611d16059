using System.Net;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Scrape.Internal.Scraping;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Scrape.Tests;

/// <summary>An exporter whose next answer the test sets; records the requests it got.</summary>
internal sealed class FakeExporter : HttpMessageHandler, IHttpClientFactory
{
    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    public List<HttpRequestMessage> Requests { get; } = [];

    public void Serve(string body, string contentType = "text/plain; version=0.0.4; charset=utf-8") =>
        Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType)),
        });

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Respond(request, cancellationToken);
    }
}

/// <summary>A store that keeps every batch, or refuses them while <see cref="Refuse"/> is set.</summary>
internal sealed class RecordingAppender : ISampleAppender
{
    public List<IReadOnlyList<SeriesSamples>> Batches { get; } = [];

    public AppendRejectedException? Refuse { get; set; }

    /// <summary>Refuses only the batches this returns an exception for.</summary>
    public Func<IReadOnlyList<SeriesSamples>, AppendRejectedException?> RefuseWhen { get; set; } = _ => null;

    public IReadOnlyList<SeriesSamples> Last => Batches[^1];

    public ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        if ((Refuse ?? RefuseWhen(batch)) is { } refusal)
        {
            throw refusal;
        }

        Batches.Add(batch.ToList());
        return ValueTask.FromResult(new AppendResult(batch.Sum(s => s.Samples.Count), 0, 0));
    }
}

/// <summary>Builds a scraper for one target of a YAML job, on a fake clock and a fake exporter.</summary>
internal sealed class ScraperHarness
{
    public ScraperHarness(string job = "job_name: gpu", string global = "")
    {
        var config = ScrapeConfig.Parse($"""
            {global}
            scrape_configs:
              - {job.Replace("\n", "\n    ", StringComparison.Ordinal)}
                static_configs:
                  - targets: ["10.0.0.7:9400"]
                    labels:
                      cluster: c1
            """, "test.yml");
        Target = ScrapeTarget.FromConfig(config)[0];
        Scraper = new TargetScraper(Target, Exporter, Store, Metadata, Clock, new ScrapeInstrumentation(), NullLogger.Instance, 1 << 20);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    public FakeExporter Exporter { get; } = new();

    public RecordingAppender Store { get; } = new();

    public RecordingMetadataStore Metadata { get; } = new();

    public ScrapeTarget Target { get; }

    public TargetScraper Scraper { get; }

    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<IReadOnlyList<SeriesSamples>> ScrapeAsync(string? body = null, string contentType = "text/plain; version=0.0.4")
    {
        if (body is not null)
        {
            Exporter.Serve(body, contentType);
        }

        var batches = Store.Batches.Count;
        await Scraper.ScrapeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return Store.Batches.Count > batches ? Store.Last : [];
    }
}

internal static class BatchExtensions
{
    public static SeriesSamples Series(this IReadOnlyList<SeriesSamples> batch, string name, params (string Name, string Value)[] labels) =>
        batch.Single(s => s.Labels.MetricName == name && labels.All(l => s.Labels[l.Name] == l.Value));

    public static double Value(this IReadOnlyList<SeriesSamples> batch, string name, params (string Name, string Value)[] labels) =>
        Assert.Single(batch.Series(name, labels).Samples).Value;

    public static IEnumerable<LabelSet> Stale(this IReadOnlyList<SeriesSamples> batch) =>
        batch.Where(s => s.Samples.Any(x => x.IsStaleMarker)).Select(s => s.Labels);
}

/// <summary>Keeps what each call to <see cref="IMetadataStore.Record"/> was given (a copy: the scraper reuses its list).</summary>
internal sealed class RecordingMetadataStore : IMetadataStore
{
    public List<IReadOnlyList<MetricMetadata>> Calls { get; } = [];

    public void Record(IReadOnlyList<MetricMetadata> metadata) => Calls.Add([.. metadata]);

    public IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Query(string? metric, int? limit, int? limitPerMetric) =>
        throw new NotSupportedException();
}
