using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Engine;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Query.Api;

/// <summary>
/// <c>/api/v1/query</c> and <c>/api/v1/query_range</c>, GET or POST, with Prometheus's parameters, JSON shapes and
/// error types: bad_data (400) for bad input, execution (422), timeout (503), canceled.
/// </summary>
internal static class QueryApi
{
    public static IEndpointRouteBuilder MapPromqlQueryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/v1/query", ["GET", "POST"], QueryAsync)
            .WithName("Query").WithSummary("Evaluates a PromQL query at one time.").WithTags("Query").DisableAntiforgery();
        endpoints.MapMethods("/api/v1/query_range", ["GET", "POST"], QueryRangeAsync)
            .WithName("QueryRange").WithSummary("Evaluates a PromQL query over [start, end] at each step.").WithTags("Query").DisableAntiforgery();
        return endpoints;
    }

    private static Task<IResult> QueryAsync(
        HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var timeMs = parameters.Single("time") is { } text ? QueryParameters.Time(text, "time") : time.GetUtcNow().ToUnixTimeMilliseconds();
            var expr = QueryParameters.Expression(parameters);
            return Run(parameters, options.Value, time, token =>
                QueryResultJson.From(Engine(querier, options.Value).Instant(expr, timeMs, token), timeMs), cancellationToken);
        }, cancellationToken);

    private static Task<IResult> QueryRangeAsync(
        HttpRequest request, ISeriesQuerier querier, IOptions<QueryOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        ApiHandler.RunAsync(request, parameters =>
        {
            var start = QueryParameters.Time(parameters.Single("start") ?? string.Empty, "start");
            var end = QueryParameters.Time(parameters.Single("end") ?? string.Empty, "end");
            if (end < start)
            {
                throw ApiException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
            }

            var step = QueryParameters.Duration(parameters.Single("step") ?? string.Empty, "step");
            if (step <= 0)
            {
                throw ApiException.BadData(
                    "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
            }

            if ((end - start) / step > PromqlEngine.MaxPointsPerSeries)
            {
                throw ApiException.BadData(
                    "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
            }

            var expr = QueryParameters.Expression(parameters);
            if (expr.Type is not (PromqlValueType.Vector or PromqlValueType.Scalar))
            {
                throw ApiException.BadData(
                    $"invalid parameter \"query\": invalid expression type \"{expr.Type.DocumentedName()}\" for range query, must be Scalar or instant Vector");
            }

            return Run(parameters, options.Value, time, token =>
                QueryResultJson.From(Engine(querier, options.Value).Range(expr, start, end, step, token), end), cancellationToken);
        }, cancellationToken);

    private static PromqlEngine Engine(ISeriesQuerier querier, QueryOptions options) =>
        new(querier, new EngineLimits((long)options.LookbackDelta.TotalMilliseconds, options.MaxSamples, options.MaxSeries));

    private static IResult Run(
        ApiParameters parameters, QueryOptions options, TimeProvider time, Func<CancellationToken, QueryDataJson> evaluate, CancellationToken requestAborted)
    {
        var timeout = options.Timeout;
        if (parameters.Single("timeout") is { } text)
        {
            var requested = TimeSpan.FromMilliseconds(QueryParameters.Duration(text, "timeout"));
            timeout = requested > TimeSpan.Zero && requested < timeout ? requested : timeout;
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, requestAborted);
        try
        {
            return ApiResults.Success(evaluate(linked.Token));
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            throw new ApiException("canceled", 499, "query was canceled in query execution");
        }
        catch (OperationCanceledException)
        {
            throw new ApiException("timeout", StatusCodes.Status503ServiceUnavailable, "query timed out in query execution");
        }
        catch (PromqlExecutionException ex)
        {
            throw ApiException.Execution(ex.Message);
        }
        catch (ArgumentException ex)
        {
            // A label set the store cannot hold (e.g. an invalid name built by a function): the query's fault, not a 500.
            throw ApiException.Execution(ex.Message);
        }
    }
}
