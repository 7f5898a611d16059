using System.Collections.Concurrent;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;
using DeepSeek.Observe.Query.Promql.Engine;
using DeepSeek.Observe.Query.Promql.Functions;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// <see cref="IPromqlEvaluator"/> on the query engine, with the query API's lookback and sample limits, so a rule
/// sees exactly what <c>/api/v1/query</c> at the same time would return.
/// </summary>
public sealed class PromqlEvaluator : IPromqlEvaluator
{
    // Rule groups evaluate the same few hundred expressions every interval; parsing once is the point of the cache,
    // and the bound only guards against a caller feeding it unbounded distinct queries.
    private const int MaxCachedExpressions = 10_000;

    private readonly ISeriesQuerier _querier;
    private readonly EngineLimits _limits;
    private readonly ConcurrentDictionary<string, Expr> _parsed;

    public PromqlEvaluator(ISeriesQuerier querier, IOptions<QueryOptions> options)
        : this(querier, Limits((options ?? throw new ArgumentNullException(nameof(options))).Value), new ConcurrentDictionary<string, Expr>(StringComparer.Ordinal))
    {
    }

    private PromqlEvaluator(ISeriesQuerier querier, EngineLimits limits, ConcurrentDictionary<string, Expr> parsed)
    {
        ArgumentNullException.ThrowIfNull(querier);
        _querier = querier;
        _limits = limits;
        _parsed = parsed;
    }

    public string? Validate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            Parse(expression);
            return null;
        }
        catch (PromqlParseException ex)
        {
            return ex.Message;
        }
    }

    public IReadOnlyList<InstantSample> EvaluateInstant(string expression, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        PromqlValue value;
        try
        {
            value = new PromqlEngine(_querier, _limits).Instant(Parse(expression), time.ToUnixTimeMilliseconds(), cancellationToken);
        }
        catch (Exception ex) when (ex is PromqlParseException or PromqlExecutionException or PromqlFunctionException or StoreUnavailableException or ArgumentException)
        {
            throw new PromqlEvaluationException(ex.Message, ex);
        }

        return value.Type switch
        {
            PromqlValueType.Vector => value.Vector.ConvertAll(s => new InstantSample(s.Labels, s.Value)),
            PromqlValueType.Scalar => [new InstantSample(LabelSet.Empty, value.Scalar)],

            // Prometheus's rule manager: "rule result is not a vector or scalar".
            _ => throw new PromqlEvaluationException("rule result is not a vector or scalar"),
        };
    }

    public IPromqlEvaluator WithQuerier(ISeriesQuerier querier) => new PromqlEvaluator(querier, _limits, _parsed);

    private static EngineLimits Limits(QueryOptions options) =>
        new((long)options.LookbackDelta.TotalMilliseconds, options.MaxSamples, options.MaxSeries);

    private Expr Parse(string expression)
    {
        if (_parsed.TryGetValue(expression, out var expr))
        {
            return expr;
        }

        expr = PromqlParser.Parse(expression);
        if (_parsed.Count >= MaxCachedExpressions)
        {
            _parsed.Clear();
        }

        _parsed[expression] = expr;
        return expr;
    }
}
