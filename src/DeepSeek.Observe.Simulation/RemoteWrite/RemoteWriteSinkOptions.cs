namespace DeepSeek.Observe.Simulation.RemoteWrite;

/// <summary>How <see cref="RemoteWriteSink"/> sends: Prometheus's queue-manager knobs under their plain meaning.</summary>
/// <param name="Target">remote_write URL.</param>
/// <param name="Concurrency">requests in flight at once (Prometheus: shards).</param>
/// <param name="SeriesPerRequest">series (one sample each) per request (Prometheus: max_samples_per_send).</param>
/// <param name="MaxAttempts">tries per request before it is counted as failed.</param>
/// <param name="MinBackoff">first retry delay, doubled each retry up to <paramref name="MaxBackoff"/>.</param>
/// <param name="MaxBackoff">longest retry delay the sink picks itself.</param>
/// <param name="MaxRetryAfter">longest Retry-After a server may ask for (honoured up to this, so a bad header cannot stall a run).</param>
public sealed record RemoteWriteSinkOptions(
    Uri Target,
    int Concurrency = 4,
    int SeriesPerRequest = 4000,
    int MaxAttempts = 10,
    TimeSpan? MinBackoff = null,
    TimeSpan? MaxBackoff = null,
    TimeSpan? MaxRetryAfter = null)
{
    public TimeSpan FirstBackoff => MinBackoff ?? TimeSpan.FromMilliseconds(100);

    public TimeSpan LongestBackoff => MaxBackoff ?? TimeSpan.FromSeconds(5);

    public TimeSpan LongestRetryAfter => MaxRetryAfter ?? TimeSpan.FromMinutes(5);
}
