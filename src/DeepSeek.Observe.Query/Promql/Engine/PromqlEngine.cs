using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// Runs parsed queries: an instant query at one time, a range query at every step of [start, end]. Range results
/// are series sorted by labels with a point per step where the expression had a value.
/// </summary>
public sealed class PromqlEngine(ISeriesQuerier querier, EngineLimits limits)
{
    /// <summary>Most points one series of a range query may have (Prometheus's resolution limit).</summary>
    public const int MaxPointsPerSeries = 11_000;

    public PromqlValue Instant(Expr expr, long timeMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var value = new Evaluator(querier, limits, expr, timeMs, timeMs, stepMs: 0, cancellationToken).Eval(expr, timeMs);
        if (value.Type == PromqlValueType.Vector)
        {
            Evaluator.WithUniqueLabels(value.Vector);
        }

        return value;
    }

    public PromqlValue Range(Expr expr, long startMs, long endMs, long stepMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepMs, 0);
        var evaluator = new Evaluator(querier, limits, expr, startMs, endMs, stepMs, cancellationToken);
        var matrix = new MatrixBuilder(rejectDuplicates: true);
        long total = 0;
        for (var t = startMs; t <= endMs; t += stepMs)
        {
            var value = evaluator.Eval(expr, t);
            if (value.Type == PromqlValueType.Scalar)
            {
                matrix.Add(LabelSet.Empty, new Sample(t, value.Scalar));
                total++;
            }
            else
            {
                foreach (var s in value.Vector)
                {
                    matrix.Add(s.Labels, new Sample(t, s.Value));
                }

                total += value.Vector.Count;
            }

            if (total > limits.MaxSamples)
            {
                throw new PromqlExecutionException(EngineLimits.TooManySamples);
            }
        }

        return PromqlValue.OfMatrix(matrix.Build());
    }
}
