using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// How a query is evaluated: instant at <see cref="Start"/>, or range <see cref="Start"/>..<see cref="End"/> every
/// <see cref="Step"/>. Times are relative to the data set (<c>start</c>, <c>end</c>, <c>end-30m</c>, <c>start+7s</c>).
/// </summary>
internal sealed record CompatEvaluation(bool Range, string Start, string End, string Step)
{
    /// <summary>An instant query at the last fleet sample.</summary>
    public static CompatEvaluation DefaultInstant { get; } = new(false, "end", "end", "0s");

    /// <summary>A range query over the whole data set at a dashboard-like 1 m step.</summary>
    public static CompatEvaluation DefaultRange { get; } = new(true, "start", "end", "1m");

    public override string ToString() => Range ? $"r@{Start}..{End}/{Step}" : $"i@{Start}";

    /// <summary>Parses <c>i</c>, <c>i@TIME</c>, <c>r</c> or <c>r@TIME..TIME/STEP</c>; null when it is none of them.</summary>
    public static CompatEvaluation? TryParse(string token)
    {
        if (token == "i")
        {
            return DefaultInstant;
        }

        if (token == "r")
        {
            return DefaultRange;
        }

        if (token.StartsWith("i@", StringComparison.Ordinal))
        {
            var time = token[2..];
            return TryResolve(time, 0, out _) ? new CompatEvaluation(false, time, time, "0s") : null;
        }

        if (token.StartsWith("r@", StringComparison.Ordinal))
        {
            var parts = token[2..].Split("..");
            var slash = parts.Length == 2 ? parts[1].LastIndexOf('/') : -1;
            if (slash < 0)
            {
                return null;
            }

            var (start, end, step) = (parts[0], parts[1][..slash], parts[1][(slash + 1)..]);
            return TryResolve(start, 0, out _) && TryResolve(end, 0, out _) && PrometheusDuration.TryParse(step, out var d) && d > TimeSpan.Zero
                ? new CompatEvaluation(true, start, end, step)
                : null;
        }

        return null;
    }

    /// <summary>Resolves <c>start</c>, <c>end</c>, <c>start+D</c> or <c>end-D</c> to unix milliseconds.</summary>
    public static bool TryResolve(string time, long dataSetStartMs, out long ms)
    {
        var endMs = dataSetStartMs + ((CompatDataSet.Steps - 1) * CompatDataSet.StepMs);
        var baseName = time.StartsWith("start", StringComparison.Ordinal) ? "start" : time.StartsWith("end", StringComparison.Ordinal) ? "end" : null;
        ms = 0;
        if (baseName is null)
        {
            return false;
        }

        var origin = baseName == "start" ? dataSetStartMs : endMs;
        var rest = time[baseName.Length..];
        if (rest.Length == 0)
        {
            ms = origin;
            return true;
        }

        if (rest[0] is not ('+' or '-') || !PrometheusDuration.TryParse(rest[1..], out var offset))
        {
            return false;
        }

        ms = origin + ((rest[0] == '+' ? 1 : -1) * (long)offset.TotalMilliseconds);
        return true;
    }

    /// <summary>The API path and query string for <paramref name="promql"/> under this evaluation.</summary>
    public string Request(string promql, long dataSetStartMs)
    {
        var start = Resolve(Start, dataSetStartMs);
        var query = $"query={Uri.EscapeDataString(promql)}";
        if (!Range)
        {
            return $"/api/v1/query?{query}&time={Seconds(start)}";
        }

        var end = Resolve(End, dataSetStartMs);
        var step = PrometheusDuration.TryParse(Step, out var parsed) ? parsed : throw new FormatException($"bad step {Step}");
        return $"/api/v1/query_range?{query}&start={Seconds(start)}&end={Seconds(end)}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The request for <paramref name="promql"/> to <paramref name="server"/>: a GET, or the same parameters as a POST form.</summary>
    public HttpRequestMessage Message(Uri server, string promql, long dataSetStartMs, bool post)
    {
        var request = Request(promql, dataSetStartMs);
        if (!post)
        {
            return new HttpRequestMessage(HttpMethod.Get, new Uri(server, request));
        }

        var question = request.IndexOf('?', StringComparison.Ordinal);
        return new HttpRequestMessage(HttpMethod.Post, new Uri(server, request[..question]))
        {
            // The query string is already form-encoded (RFC 3986 escapes are valid in application/x-www-form-urlencoded).
            Content = new StringContent(request[(question + 1)..], System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }

    private static long Resolve(string time, long dataSetStartMs) =>
        TryResolve(time, dataSetStartMs, out var ms) ? ms : throw new FormatException($"bad time {time}");

    /// <summary>Unix seconds with millisecond precision, as Grafana sends them.</summary>
    public static string Seconds(long ms) => (ms / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
