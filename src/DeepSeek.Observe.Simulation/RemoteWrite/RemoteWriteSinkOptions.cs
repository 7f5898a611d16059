namespace DeepSeek.Observe.Simulation.RemoteWrite;

/// <summary>How <see cref="RemoteWriteSink"/> sends: Prometheus's queue-manager knobs under their plain meaning.</summary>
/// <param name="Target">remote_write URL.</param>
/// <param name="Concurrency">requests in flight at once (Prometheus: shards).</param>
/// <param name="SeriesPerRequest">series (one sample each) per request (Prometheus: max_samples_per_send).</param>
/// <param name="MaxAttempts">tries per request before it is counted as failed.</param>
/// <param name="MinBackoff">first retry delay, doubled each retry up to <paramref name="MaxBackoff"/>.</param>
/// <param name="MaxBackoff">longest retry delay, also the cap on a server's Retry-After.</param>
public sealed record RemoteWriteSinkOptions(
    Uri Target,
    int Concurrency = 4,
    int SeriesPerRequest = 4000,
    int MaxAttempts = 10,
    TimeSpan? MinBackoff = null,
    TimeSpan? MaxBackoff = null)
{
    public TimeSpan FirstBackoff => MinBackoff ?? TimeSpan.FromMilliseconds(100);

    public TimeSpan LongestBackoff => MaxBackoff ?? TimeSpan.FromSeconds(30);
}
