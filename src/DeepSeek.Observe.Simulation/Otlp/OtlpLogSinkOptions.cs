namespace DeepSeek.Observe.Simulation.Otlp;

/// <summary>How <see cref="OtlpLogSink"/> sends: the OpenTelemetry Collector exporter's knobs under their plain meaning.</summary>
/// <param name="Endpoint">OTLP/HTTP base URL (<c>http://host:4318</c>) or the full logs URL (<c>…/v1/logs</c>).</param>
/// <param name="LinesPerRequest">log records per request at most (the collector's batch processor: send_batch_max_size).</param>
/// <param name="MaxAttempts">tries per request before its lines are counted as failed.</param>
/// <param name="MinBackoff">first retry delay, doubled each retry up to <paramref name="MaxBackoff"/>.</param>
/// <param name="MaxBackoff">longest retry delay the sink picks itself.</param>
/// <param name="MaxRetryAfter">longest Retry-After a server may ask for (honoured up to this, so a bad header cannot stall a run).</param>
public sealed record OtlpLogSinkOptions(
    Uri Endpoint,
    int LinesPerRequest = 2000,
    int MaxAttempts = 10,
    TimeSpan? MinBackoff = null,
    TimeSpan? MaxBackoff = null,
    TimeSpan? MaxRetryAfter = null)
{
    public TimeSpan FirstBackoff => MinBackoff ?? TimeSpan.FromMilliseconds(100);

    public TimeSpan LongestBackoff => MaxBackoff ?? TimeSpan.FromSeconds(5);

    public TimeSpan LongestRetryAfter => MaxRetryAfter ?? TimeSpan.FromMinutes(5);

    /// <summary>Where logs are posted: <see cref="Endpoint"/> as given when it already ends in <c>/v1/logs</c>, else with it appended (as the SDKs do with OTEL_EXPORTER_OTLP_ENDPOINT).</summary>
    public Uri LogsUrl => LogsUrlOf(Endpoint);

    public static Uri LogsUrlOf(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var path = endpoint.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/v1/logs", StringComparison.Ordinal)
            ? endpoint
            : new UriBuilder(endpoint) { Path = path + "/v1/logs" }.Uri;
    }
}
