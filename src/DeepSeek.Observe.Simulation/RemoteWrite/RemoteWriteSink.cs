using System.Net.Http.Headers;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

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
    private readonly RetryingPost _post;
    private long _samplesAcknowledged;
    private long _failedRequests;
    private long _samplesFailed;

    public RemoteWriteSink(RemoteWriteSinkOptions options, IReadOnlyList<LabelSet> series, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SeriesPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _options = options;
        _writer = new RemoteWriteRequestWriter(series);
        _post = new RetryingPost(http, options.Target, new RetrySettings(options.MaxAttempts, options.FirstBackoff, options.LongestBackoff, options.LongestRetryAfter), clock);
    }

    public long SamplesAcknowledged => Interlocked.Read(ref _samplesAcknowledged);

    /// <summary>What went wrong so far: requests given up on and the samples they carried, and retries made.</summary>
    public RemoteWriteFailures Failures => new(_post.Requests, Interlocked.Read(ref _failedRequests), Interlocked.Read(ref _samplesFailed), _post.Retries);

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

    private Task<bool> SendAsync(byte[] body, CancellationToken cancellationToken) =>
        _post.SendAsync(
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                content.Headers.ContentEncoding.Add("snappy");
                content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
                return content;
            },
            static (_, _) => Task.CompletedTask,
            cancellationToken);
}
