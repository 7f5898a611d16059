using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// Evaluates a tree at one instant with Prometheus 2.42 semantics; a range query calls it once per step. Series
/// are read once per selector for the whole query (<see cref="SelectorWindows"/>) and sliced per step.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly EngineLimits _limits;
    private readonly long _queryStartMs;
    private readonly long _queryEndMs;
    private readonly CancellationToken _cancellationToken;
    private readonly SelectorData _data;
    private readonly Dictionary<VectorSelector, (long Min, long Max)> _windows;
    private readonly Dictionary<VectorSelector, List<LoadedSeries>> _loaded = new(ReferenceEqualityComparer.Instance);

    public Evaluator(
        ISeriesQuerier querier, EngineLimits limits, Expr expr, long queryStartMs, long queryEndMs, long stepMs, CancellationToken cancellationToken)
    {
        _stepMs = stepMs;
        _limits = limits;
        _queryStartMs = queryStartMs;
        _queryEndMs = queryEndMs;
        _cancellationToken = cancellationToken;
        _data = new SelectorData(querier, limits, cancellationToken);
        _windows = SelectorWindows.Find(expr, queryStartMs, queryEndMs, limits.LookbackDeltaMs);
    }

    public PromqlValue Eval(Expr expr, long t)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return expr switch
            {
                NumberLiteral n => PromqlValue.OfScalar(n.Value),
                StringLiteralExpr s => PromqlValue.OfString(s.Value),
                ParenExpr p => Eval(p.Expr, t),
                UnaryExpr u => Unary(u, t),
                VectorSelector vs => PromqlValue.OfVector(Instant(vs, t, keepTimestamps: false)),
                MatrixSelector or SubqueryExpr => PromqlValue.OfMatrix(Range(expr, t).Series),
                FunctionCall call => Call(call, t),
                AggregateExpr agg => PromqlValue.OfVector(Aggregate(agg, t)),
                BinaryExpr bin => Binary(bin, t),
                _ => throw new PromqlExecutionException($"unsupported expression {expr}"),
            };
        }
        catch (PromqlFunctionException ex)
        {
            throw new PromqlExecutionException(ex.Message, ex);
        }
    }

    private PromqlValue Unary(UnaryExpr u, long t)
    {
        var value = Eval(u.Expr, t);
        if (!u.Negate)
        {
            return value;
        }

        if (value.Type == PromqlValueType.Scalar)
        {
            return PromqlValue.OfScalar(-value.Scalar);
        }

        return PromqlValue.OfVector(WithUniqueLabels(
            value.Vector.Select(s => s with { Labels = DropName(s.Labels), Value = -s.Value }).ToList()));
    }

    private List<LoadedSeries> Series(VectorSelector vs)
    {
        if (!_loaded.TryGetValue(vs, out var series))
        {
            var (min, max) = _windows.TryGetValue(vs, out var w) ? w : (_queryStartMs - _limits.LookbackDeltaMs, _queryEndMs);
            series = _data.Load(vs.Matchers, min, max);
            _loaded[vs] = series;
        }

        return series;
    }

    /// <summary>The instant vector of a selector: each series' latest sample within the lookback, unless it is a staleness marker.</summary>
    private List<VectorSample> Instant(VectorSelector vs, long t, bool keepTimestamps)
    {
        var at = SelectorWindows.Resolve(vs.At, t, _queryStartMs, _queryEndMs) - vs.OffsetMs;
        var result = new List<VectorSample>();
        foreach (var series in Series(vs))
        {
            var index = LoadedSeries.LowerBound(series.Raw, at + 1) - 1;
            if (index < 0)
            {
                continue;
            }

            var sample = series.Raw[index];
            if (sample.TimestampMs < at - _limits.LookbackDeltaMs || sample.IsStaleMarker)
            {
                continue;
            }

            result.Add(new VectorSample(series.Labels, sample.Value, keepTimestamps ? sample.TimestampMs : t));
        }

        return result;
    }

    /// <summary>A range vector at step <paramref name="t"/>: a matrix selector's closed window, or a subquery's steps.</summary>
    private (List<SeriesPoints> Series, RangeWindow Window) Range(Expr expr, long t)
    {
        switch (expr)
        {
            case ParenExpr p:
                return Range(p.Expr, t);
            case MatrixSelector ms:
                {
                    var end = SelectorWindows.Resolve(ms.Selector.At, t, _queryStartMs, _queryEndMs) - ms.Selector.OffsetMs;
                    var window = new RangeWindow(end - ms.RangeMs, end);
                    var result = new List<SeriesPoints>();
                    foreach (var series in Series(ms.Selector))
                    {
                        var points = series.Window(window.StartMs, window.EndMs);
                        if (points.Count > 0)
                        {
                            result.Add(new SeriesPoints(series.Labels, points));
                        }
                    }

                    return (result, window);
                }

            case SubqueryExpr sq:
                return Subquery(sq, t);
            default:
                throw new PromqlExecutionException($"expected a range vector, got {expr}");
        }
    }

    private (List<SeriesPoints> Series, RangeWindow Window) Subquery(SubqueryExpr sq, long t)
    {
        var end = SelectorWindows.Resolve(sq.At, t, _queryStartMs, _queryEndMs) - sq.OffsetMs;
        var window = new RangeWindow(end - sq.RangeMs, end);
        var step = sq.StepMs ?? 60_000;
        // Prometheus aligns subquery steps to multiples of the step since the epoch.
        var first = window.StartMs - (((window.StartMs % step) + step) % step);
        if (first < window.StartMs)
        {
            first += step;
        }

        var matrix = new MatrixBuilder(rejectDuplicates: false);
        long total = 0;
        for (var ts = first; ts <= end; ts += step)
        {
            var value = Eval(sq.Expr, ts);
            // A long range at a fine step must not hold unbounded points in memory.
            total += value.Type == PromqlValueType.Scalar ? 1 : value.Vector.Count;
            if (total > _limits.MaxSamples)
            {
                throw new PromqlExecutionException(EngineLimits.TooManySamples);
            }

            if (value.Type == PromqlValueType.Scalar)
            {
                matrix.Add(LabelSet.Empty, new Sample(ts, value.Scalar));
                continue;
            }

            foreach (var s in value.Vector)
            {
                matrix.Add(s.Labels, new Sample(ts, s.Value));
            }
        }

        return (matrix.Build(), window);
    }
}
