namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// One group's running state for sum, avg, min, max, count, group, stddev and stdvar, updated sample by sample in
/// input order exactly as Prometheus 2.42's aggregation does (the order matters for floating-point results).
/// A value type so the engine can keep one per group in an array without allocating.
/// </summary>
public struct Aggregator
{
    private readonly AggregationFunction _function;
    private double _value;
    private double _mean;
    private long _count;

    public Aggregator(AggregationFunction function)
    {
        _function = function;
    }

    /// <summary>How many samples were added.</summary>
    public readonly long Count => _count;

    public void Add(double v)
    {
        if (_count++ == 0)
        {
            // The first sample seeds every statistic (variance starts at 0, group at 1).
            _value = _function switch
            {
                AggregationFunction.StdDev or AggregationFunction.StdVar => 0,
                AggregationFunction.Group => 1,
                _ => v,
            };
            _mean = v;
            return;
        }

        switch (_function)
        {
            // 2.42 sums plainly (compensated summation in aggregations came later).
            case AggregationFunction.Sum:
                _value += v;
                break;
            case AggregationFunction.Avg:
                AddToMean(v);
                break;
            case AggregationFunction.Max:
                if (_value < v || double.IsNaN(_value))
                {
                    _value = v;
                }

                break;
            case AggregationFunction.Min:
                if (_value > v || double.IsNaN(_value))
                {
                    _value = v;
                }

                break;
            case AggregationFunction.StdDev or AggregationFunction.StdVar:
                // Welford's update: numerically stable without a second pass.
                var delta = v - _mean;
                _mean += delta / _count;
                _value += delta * (v - _mean);
                break;
        }
    }

    /// <summary>The aggregated value; NaN when nothing was added (the engine emits no group then).</summary>
    public readonly double Result => _count == 0
        ? double.NaN
        : _function switch
        {
            AggregationFunction.Avg => _mean,
            AggregationFunction.Count => _count,
            AggregationFunction.StdVar => _value / _count,
            AggregationFunction.StdDev => Math.Sqrt(_value / _count),
            _ => _value,
        };

    private void AddToMean(double v)
    {
        if (double.IsInfinity(_mean))
        {
            // Inf − Inf would turn a correct infinite mean into NaN; only NaN or the opposite infinity change it.
            if (double.IsInfinity(v) && (_mean > 0) == (v > 0))
            {
                return;
            }

            if (!double.IsInfinity(v) && !double.IsNaN(v))
            {
                return;
            }
        }

        // Dividing each term by the count keeps the running mean from overflowing where a plain sum would.
        _mean += (v / _count) - (_mean / _count);
    }
}
