using System.Net;
using System.Net.Http.Headers;

namespace DeepSeek.Observe.Simulation.Internal;

/// <summary>When a sink retries: tries per request, exponential backoff bounds, and the longest Retry-After honoured.</summary>
internal readonly record struct RetrySettings(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan LongestBackoff, TimeSpan LongestRetryAfter);

/// <summary>
/// The send loop every simulator sink shares, as Prometheus's queue manager and the OpenTelemetry exporters behave:
/// 429, 5xx, connection errors and client timeouts are retried with exponential backoff (a server's Retry-After wins,
/// capped), other statuses are final. Counts every attempt and retry for the sink's report.
/// </summary>
internal sealed class RetryingPost(HttpClient http, Uri url, RetrySettings retry, TimeProvider clock)
{
    private long _requests;
    private long _retries;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Posts <paramref name="content"/> (made anew per attempt) until it succeeds; the success is handed to <paramref name="accepted"/>. False once given up.</summary>
    public async Task<bool> SendAsync(Func<HttpContent> content, Func<HttpResponseMessage, CancellationToken, Task> accepted, CancellationToken cancellationToken)
    {
        var backoff = retry.FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            TimeSpan? retryAfter = null;
            bool retryable;
            try
            {
                using var body = content();
                using var response = await http.PostAsync(url, body, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    await accepted(response, cancellationToken);
                    return true;
                }

                // Any 5xx is retried: a restarting receiver behind a proxy answers 500 as often as 503.
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

            if (!retryable || attempt >= retry.MaxAttempts)
            {
                return false;
            }

            var delay = retryAfter is { } after ? TimeSpan.FromTicks(Math.Min(after.Ticks, retry.LongestRetryAfter.Ticks)) : backoff;
            // Counted once the wait's timer exists, so whoever sees the retry sees the wait already running.
            var wait = Task.Delay(delay, clock, cancellationToken);
            Interlocked.Increment(ref _retries);
            await wait;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, retry.LongestBackoff.Ticks));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
