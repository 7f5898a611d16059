using System.Net;
using System.Net.Http.Headers;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.RemoteWrite;

/// <summary>
/// Sends each step's values as Prometheus remote_write, like Prometheus's queue manager: batches of
/// <see cref="RemoteWriteSinkOptions.SeriesPerRequest"/> series, at most <see cref="RemoteWriteSinkOptions.Concurrency"/>
/// requests in flight, 429/5xx/connection errors retried with exponential backoff (Retry-After honoured), other 4xx
/// not retried. A batch is never dropped silently: every failure is counted in <see cref="Failures"/>.
/// A step is complete before the next one starts, so each series' samples arrive in time order.
/// </summary>
public sealed class RemoteWriteSink
{
    private readonly RemoteWriteSinkOptions _options;
    private readonly RemoteWriteRequestWriter _writer;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private long _samplesAcknowledged;
    private long _requests;
    private long _failedRequests;
    private long _samplesFailed;
    private long _retries;

    public RemoteWriteSink(RemoteWriteSinkOptions options, IReadOnlyList<LabelSet> series, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SeriesPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _options = options;
        _writer = new RemoteWriteRequestWriter(series);
        _http = http;
        _clock = clock;
    }

    public long SamplesAcknowledged => Interlocked.Read(ref _samplesAcknowledged);

    /// <summary>What went wrong so far: requests given up on and the samples they carried, and retries made.</summary>
    public RemoteWriteFailures Failures => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _failedRequests), Interlocked.Read(ref _samplesFailed), Interlocked.Read(ref _retries));

    /// <summary>Sends <paramref name="values"/> (one per series, in catalog order) stamped <paramref name="timestampMs"/>.</summary>
    public async Task SendStepAsync(long timestampMs, double[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var batches = (values.Length + _options.SeriesPerRequest - 1) / _options.SeriesPerRequest;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var first = batch * _options.SeriesPerRequest;
                var count = Math.Min(_options.SeriesPerRequest, values.Length - first);
                var step = values.AsSpan(first, count);
                var body = _writer.Write(first, step, timestampMs);
                count = Present(step);
                if (await SendAsync(body, token))
                {
                    Interlocked.Add(ref _samplesAcknowledged, count);
                }
                else
                {
                    Interlocked.Increment(ref _failedRequests);
                    Interlocked.Add(ref _samplesFailed, count);
                }
            });
    }

    private static int Present(ReadOnlySpan<double> values)
    {
        var present = 0;
        foreach (var value in values)
        {
            present += SimulatedValue.IsAbsent(value) ? 0 : 1;
        }

        return present;
    }

    private async Task<bool> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var backoff = _options.FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            TimeSpan? retryAfter = null;
            bool retryable;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                content.Headers.ContentEncoding.Add("snappy");
                content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
                using var response = await _http.PostAsync(_options.Target, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException)
            {
                retryable = true;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout: the receiver is overloaded or gone, which a retry may outlast.
                retryable = true;
            }

            if (!retryable || attempt >= _options.MaxAttempts)
            {
                return false;
            }

            var delay = retryAfter is { } after ? TimeSpan.FromTicks(Math.Min(after.Ticks, _options.LongestRetryAfter.Ticks)) : backoff;
            // Counted once the wait's timer exists, so whoever sees the retry sees the wait already running.
            var wait = Task.Delay(delay, _clock, cancellationToken);
            Interlocked.Increment(ref _retries);
            await wait;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.LongestBackoff.Ticks));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
