using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Scrape.Internal.Exposition;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>
/// Scrapes one target once per call and writes the result as one batch: the samples, a staleness marker for each
/// series the previous scrape had and this one lacks, and the synthetic series (<c>up</c>, <c>scrape_*</c>). A failed
/// scrape writes <c>up</c> = 0 and stales everything the target had. A stored scrape's <c># TYPE</c>/<c># HELP</c>/<c># UNIT</c>
/// go to the <see cref="IMetadataStore"/>. Calls never overlap (one loop per target).
/// </summary>
internal sealed partial class TargetScraper
{
    private static readonly string[] s_reportNames =
        ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];

    private readonly IHttpClientFactory _httpClients;
    private readonly ISampleAppender _appender;
    private readonly IMetadataStore _metadataStore;
    private readonly ExpositionMetadata _metadata = new();
    private readonly TimeProvider _time;
    private readonly ScrapeInstrumentation _metrics;
    private readonly ILogger _logger;
    private readonly long _maxBodyBytes;
    private readonly LabelSet[] _reportSeries;
    private readonly string _timeoutHeader;
    private HashSet<LabelSet> _previousTracked = [];
    private volatile TargetHealth _health = TargetHealth.Unknown;
    private bool _storeRefusing;

    public TargetScraper(
        ScrapeTarget target, IHttpClientFactory httpClients, ISampleAppender appender, IMetadataStore metadataStore, TimeProvider time,
        ScrapeInstrumentation metrics, ILogger logger, long defaultMaxBodyBytes)
    {
        Target = target;
        _httpClients = httpClients;
        _appender = appender;
        _metadataStore = metadataStore;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _maxBodyBytes = target.Job.BodySizeLimit > 0 ? target.Job.BodySizeLimit : defaultMaxBodyBytes;
        _timeoutHeader = target.Job.ScrapeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        _reportSeries = s_reportNames.Select(name =>
        {
            var labels = target.Labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).Append(KeyValuePair.Create(LabelNames.MetricName, name)).ToList();
            TargetLabeler.AddExternal(labels, target.ExternalLabels);
            return LabelSet.Create(labels);
        }).ToArray();
    }

    public ScrapeTarget Target { get; }

    public TargetHealth Health => _health;

    private string Job => Target.Job.JobName;

    public async Task ScrapeAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var timestampMs = start.ToUnixTimeMilliseconds();
        _metrics.Scrapes.WithLabels(Job).Inc();

        ScrapeResult? result = null;
        ScrapeFailedException? failure = null;
        try
        {
            result = await FetchAsync(timestampMs, cancellationToken);
        }
        catch (ScrapeFailedException ex)
        {
            failure = ex;
        }

        var duration = _time.GetElapsedTime(started);
        _metrics.Duration.WithLabels(Job).Observe(duration.TotalSeconds);
        // Samples with exposed timestamps go first, so a write the store refuses because of them (out of order or
        // duplicate timestamps, which Prometheus drops one by one) can be retried without them.
        var timestamped = result?.Timestamped.Count ?? 0;
        var batch = new List<SeriesSamples>(timestamped + (result?.Samples.Count ?? 0) + _previousTracked.Count + _reportSeries.Length);
        batch.AddRange(result?.Timestamped ?? []);
        batch.AddRange(result?.Samples ?? []);
        var seen = result?.Seen ?? [];
        foreach (var series in _previousTracked)
        {
            if (!seen.Contains(series))
            {
                batch.Add(new SeriesSamples(series, [new Sample(timestampMs, Sample.StaleNaN)]));
            }
        }

        var postRelabeling = (result?.Samples.Count ?? 0) + timestamped;
        AddReport(batch, timestampMs, result is not null, duration, result?.SamplesScraped ?? 0, postRelabeling, result?.SeriesAdded ?? 0);

        var lastError = failure?.Message ?? string.Empty;
        if (failure is not null)
        {
            _metrics.Failures.WithLabels(Job, failure.Reason).Inc();
            if (_health.Health != "down" || _health.LastError != failure.Message)
            {
                ScrapeLog.ScrapeFailed(_logger, Target.Url, Job, failure.Message);
            }
        }
        else if (_health.Health == "down")
        {
            ScrapeLog.ScrapeRecovered(_logger, Target.Url, Job);
        }

        if (await TryAppendAsync(batch, timestamped, cancellationToken) is { } refusal)
        {
            lastError = lastError.Length > 0 ? lastError : refusal;
        }
        else
        {
            _previousTracked = result?.Tracked ?? [];
            if (result is not null)
            {
                // Only a scrape whose samples were stored says what its families are, as in Prometheus's scrape cache.
                _metadataStore.Record(_metadata.Complete());
            }
        }

        _health = new TargetHealth(failure is null ? "up" : "down", lastError, start, duration);
    }

    private void AddReport(List<SeriesSamples> batch, long timestampMs, bool up, TimeSpan duration, int scraped, int postRelabeling, int added)
    {
        ReadOnlySpan<double> values = [up ? 1 : 0, duration.TotalSeconds, scraped, postRelabeling, added];
        for (var i = 0; i < _reportSeries.Length; i++)
        {
            batch.Add(new SeriesSamples(_reportSeries[i], [new Sample(timestampMs, values[i])]));
        }
    }

    /// <summary>Writes the batch; a refusal is logged (once per episode) and counted, and the loop goes on.</summary>
    private async Task<string?> TryAppendAsync(List<SeriesSamples> batch, int timestamped, CancellationToken cancellationToken)
    {
        try
        {
            AppendResult appended;
            try
            {
                appended = await _appender.AppendAsync(batch, cancellationToken);
            }
            catch (AppendRejectedException ex) when (!ex.IsRetryable && timestamped > 0)
            {
                _metrics.AppendsRefused.WithLabels(Job, ex.Reason.ToString().ToLowerInvariant()).Inc();
                appended = await _appender.AppendAsync(batch.GetRange(timestamped, batch.Count - timestamped), cancellationToken);
            }

            _metrics.SamplesAppended.WithLabels(Job).Inc(appended.SamplesAppended);
            _storeRefusing = false;
            return null;
        }
        catch (AppendRejectedException ex)
        {
            _metrics.AppendsRefused.WithLabels(Job, ex.Reason.ToString().ToLowerInvariant()).Inc();
            if (!_storeRefusing)
            {
                ScrapeLog.AppendRefused(_logger, Target.Url, Job, batch.Count, ex.Message);
            }

            _storeRefusing = true;
            return $"the store refused the samples: {ex.Message}";
        }
    }

    private async Task<ScrapeResult> FetchAsync(long timestampMs, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Target.Job.ScrapeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Target.Url);
            request.Headers.TryAddWithoutValidation("Accept", ExpositionContentType.Accept);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            request.Headers.TryAddWithoutValidation("User-Agent", ScrapeHttp.UserAgent);
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", _timeoutHeader);
            using var client = _httpClients.CreateClient(ScrapeHttp.ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new ScrapeFailedException("http", $"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var format = ExpositionContentType.FromMediaType(response.Content.Headers.ContentType?.MediaType);
            using var body = await ScrapeBody.ReadAsync(response.Content, _maxBodyBytes, linked.Token);
            return Parse(body.Text, format, timestampMs);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException
            && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ScrapeFailedException("timeout", $"scrape timed out after {PrometheusDuration.Format(Target.Job.ScrapeTimeout)}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ScrapeFailedException("http", ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message, ex);
        }
        catch (ExpositionFormatException ex)
        {
            throw new ScrapeFailedException("format", ex.Message, ex);
        }
    }
}
