using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Ingest.RemoteWrite;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Host.Bench;

/// <summary>
/// Sends DCGM-shaped remote_write traffic to any receiver the way Prometheus's queue manager does: the series are
/// split into shards (one per concurrent sender), each shard sends its series' next scrape in requests of
/// <see cref="IngestBenchmarkOptions.SamplesPerRequest"/> samples, and 429/5xx are retried with the same body.
/// </summary>
internal sealed class IngestBenchmark(IngestBenchmarkOptions options, TimeProvider clock)
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(100);

    public async Task<IngestBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var writer = new RemoteWriteRequestWriter([.. Enumerable.Range(0, options.Series).Select(i => LabelSet.Create(DcgmFleetSeries.Labels(i)))]);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        // Timestamps start a day back, aligned to the step, so every target accepts them as in-order history.
        var stepMs = (long)options.Step.TotalMilliseconds;
        var startMs = (clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)TimeSpan.FromDays(1).TotalMilliseconds) / stepMs * stepMs;
        var stopwatch = Stopwatch.StartNew();
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Concurrency)
            .Select(shard => Task.Run(() => RunShardAsync(shard, writer, http, startMs, stepMs, stopwatch, cancellationToken), cancellationToken)));
        var elapsed = stopwatch.Elapsed;

        var latencies = shards.SelectMany(s => s.Latencies).Order().ToArray();
        return new IngestBenchmarkResult(
            shards.Sum(s => s.Samples), shards.Sum(s => s.Requests), shards.Sum(s => s.Failed), shards.Sum(s => s.Retried), elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private async Task<ShardResult> RunShardAsync(
        int shard, RemoteWriteRequestWriter writer, HttpClient http, long startMs, long stepMs, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var series = Enumerable.Range(0, options.Series).Where(i => i % options.Concurrency == shard).ToArray();
        var result = new ShardResult();
        for (long round = 0; stopwatch.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested; round++)
        {
            for (var offset = 0; offset < series.Length && stopwatch.Elapsed < options.Duration; offset += options.SamplesPerRequest)
            {
                var count = Math.Min(options.SamplesPerRequest, series.Length - offset);
                var body = writer.Write(series.AsSpan(offset, count), startMs + (round * stepMs), i => DcgmFleetSeries.Value(i, round));
                if (await SendAsync(http, body, result, cancellationToken))
                {
                    result.Samples += count;
                }
            }
        }

        return result;
    }

    private async Task<bool> SendAsync(HttpClient http, byte[] body, ShardResult result, CancellationToken cancellationToken)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            HttpStatusCode status;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(RemoteWriteEncoder.ContentType);
                content.Headers.ContentEncoding.Add("snappy");
                content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
                using var response = await http.PostAsync(options.Target, content, cancellationToken);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = HttpStatusCode.ServiceUnavailable;
            }

            result.Requests++;
            result.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if ((int)status is >= 200 and < 300)
            {
                return true;
            }

            if (status != HttpStatusCode.TooManyRequests && (int)status < 500)
            {
                result.Failed++;
                return false;
            }

            result.Retried++;
            await Task.Delay(s_retryDelay, clock, cancellationToken);
        }
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class ShardResult
    {
        public long Samples { get; set; }

        public long Requests { get; set; }

        public long Failed { get; set; }

        public long Retried { get; set; }

        public List<double> Latencies { get; } = [];
    }
}
