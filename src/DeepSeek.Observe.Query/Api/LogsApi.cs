using System.Globalization;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Query.Promql;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// <c>GET /api/v1/logs?match=&lt;selector&gt;&amp;start&amp;end&amp;contains&amp;limit&amp;direction</c>: log lines of the
/// streams any <c>match</c> selects (<c>match[]</c> is accepted too), in Loki's <c>streams</c> result shape inside
/// Prometheus's envelope. Like Loki, the window defaults to the last hour, <c>limit</c> to 100 lines and
/// <c>direction</c> to backward (newest first); <c>contains</c> keeps lines containing the text (LogQL's <c>|=</c>).
/// </summary>
internal static class LogsApi
{
    private const int DefaultLimit = 100;
    private static readonly TimeSpan s_defaultWindow = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/logs", HandleAsync)
            .WithName("Logs")
            .WithSummary("Log lines of the streams matching match in [start, end], optionally containing a text.")
            .WithTags("Query");
        return endpoints;
    }

    private static Task<IResult> HandleAsync(
        HttpRequest request, ILogQuerier querier, IOptions<QueryOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var query = Parse(parameters, options.Value, clock);
            var result = querier.Query(query).Select(s => new
            {
                stream = s.Labels.ToDictionary(),
                values = s.Entries.Select(e => e.Metadata.Count == 0
                    ? new object[] { e.TimestampNs.ToString(CultureInfo.InvariantCulture), e.Line }
                    : [e.TimestampNs.ToString(CultureInfo.InvariantCulture), e.Line, e.Metadata.ToDictionary()]),
            });
            return ApiResults.Success(new { resultType = "streams", result });
        }, cancellationToken);

    private static LogQuery Parse(ApiParameters parameters, QueryOptions options, TimeProvider clock)
    {
        var matches = parameters.All("match").Concat(parameters.All("match[]")).ToList();
        if (matches.Count == 0)
        {
            throw ApiException.BadData("no match parameter provided; give a stream selector such as match={job=\"api\"}");
        }

        var selectors = matches.Select(SeriesSelectorParser.Parse).ToList();
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var endMs = parameters.Single("end") is null ? nowMs : parameters.EndMs;
        var startMs = parameters.Single("start") is null ? endMs - (long)s_defaultWindow.TotalMilliseconds : parameters.StartMs;
        if (endMs < startMs)
        {
            throw ApiException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
        }

        var limit = parameters.Limit ?? DefaultLimit;
        if (limit is 0 || limit > options.MaxLogLines)
        {
            throw ApiException.BadData($"invalid parameter \"limit\": must be between 1 and {options.MaxLogLines} (Query:MaxLogLines)");
        }

        var direction = parameters.Single("direction") switch
        {
            null or "backward" => LogDirection.Backward,
            "forward" => LogDirection.Forward,
            var other => throw ApiException.BadData($"invalid parameter \"direction\": \"{other}\" is not backward or forward"),
        };

        // The API speaks milliseconds; end covers its whole millisecond so a line stamped inside it is included.
        return new LogQuery(selectors, ToNanoseconds(startMs), ToNanoseconds(endMs) + 999_999, parameters.Single("contains"), limit, direction);
    }

    /// <summary>Milliseconds to nanoseconds, saturating at the ends of the range (Prometheus's default start/end).</summary>
    public static long ToNanoseconds(long milliseconds) =>
        Math.Clamp(milliseconds, (long.MinValue / 1_000_000) + 1, (long.MaxValue / 1_000_000) - 1) * 1_000_000;
}
