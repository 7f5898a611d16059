using System.Net.Http.Headers;
using System.Text.Json;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Otlp;

/// <summary>
/// Sends log lines over OTLP/HTTP (JSON encoding) like the OpenTelemetry Collector's exporter: batches of at most
/// <see cref="OtlpLogSinkOptions.LinesPerRequest"/> lines, one request at a time so each stream's lines arrive in time
/// order; 429, 5xx and connection errors retried with exponential backoff (Retry-After honoured), other 4xx not
/// retried. Nothing is dropped silently: lines given up on and lines the receiver
/// rejected (partial success) are counted in <see cref="Failures"/>.
/// </summary>
public sealed class OtlpLogSink
{
    private readonly OtlpLogSinkOptions _options;
    private readonly RetryingPost _post;
    private long _linesAcknowledged;
    private long _failedRequests;
    private long _linesFailed;

    public OtlpLogSink(OtlpLogSinkOptions options, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LinesPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _options = options;
        _post = new RetryingPost(http, options.LogsUrl, new RetrySettings(options.MaxAttempts, options.FirstBackoff, options.LongestBackoff, options.LongestRetryAfter), clock);
    }

    /// <summary>Lines the receiver accepted.</summary>
    public long LinesAcknowledged => Interlocked.Read(ref _linesAcknowledged);

    public OtlpLogFailures Failures => new(_post.Requests, Interlocked.Read(ref _failedRequests), Interlocked.Read(ref _linesFailed), _post.Retries);

    /// <summary>Sends <paramref name="lines"/> (in time order) in batches, each after the one before.</summary>
    public async Task SendAsync(IReadOnlyList<SimulatedLog> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (var first = 0; first < lines.Count; first += _options.LinesPerRequest)
        {
            var count = Math.Min(_options.LinesPerRequest, lines.Count - first);
            var batch = first == 0 && count == lines.Count ? lines : lines.Skip(first).Take(count).ToList();
            var rejected = await SendAsync(OtlpLogsJsonWriter.Write(batch), cancellationToken);
            if (rejected is { } lost)
            {
                lost = Math.Clamp(lost, 0, count);
                Interlocked.Add(ref _linesAcknowledged, count - lost);
                Interlocked.Add(ref _linesFailed, lost);
            }
            else
            {
                Interlocked.Increment(ref _failedRequests);
                Interlocked.Add(ref _linesFailed, count);
            }
        }
    }

    /// <summary>The lines the receiver rejected when it took the request, or null when the request failed.</summary>
    private async Task<long?> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        long rejected = 0;
        var sent = await _post.SendAsync(
            () => new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            async (response, token) => rejected = Rejected(await response.Content.ReadAsByteArrayAsync(token)),
            cancellationToken);
        return sent ? rejected : null;
    }

    /// <summary><c>partialSuccess.rejectedLogRecords</c> of a JSON response (an int64: a string or a number), else 0.</summary>
    private static long Rejected(byte[] response)
    {
        try
        {
            using var json = JsonDocument.Parse(response);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("partialSuccess", out var partial)
                && partial.ValueKind == JsonValueKind.Object
                && partial.TryGetProperty("rejectedLogRecords", out var rejected))
            {
                return rejected.ValueKind == JsonValueKind.String && long.TryParse(rejected.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var text) ? text
                    : rejected.ValueKind == JsonValueKind.Number && rejected.TryGetInt64(out var number) ? number
                    : 0;
            }
        }
        catch (JsonException)
        {
            // An empty or non-JSON success body acknowledges every line.
        }

        return 0;
    }
}
