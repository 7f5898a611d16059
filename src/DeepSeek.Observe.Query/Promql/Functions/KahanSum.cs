namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Neumaier-compensated summation, as Prometheus 2.42 uses in sum_over_time, avg_over_time, stddev/stdvar_over_time
/// and the least-squares sums of deriv/predict_linear (plain aggregation <c>sum</c> does not use it in 2.42).
/// Matching it matters: promtool compares results bit for bit, and e.g. 1e16 + 1 - 1e16 is 1 only when compensated.
/// </summary>
internal struct KahanSum
{
    private double _sum;
    private double _compensation;

    public void Add(double value)
    {
        var t = _sum + value;
        // Neumaier's variant: compensate with whichever operand lost its low-order bits.
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    /// <summary>The running sum without its compensation (Prometheus uses it mid-loop in the variance kernels).</summary>
    public readonly double Raw => _sum;

    /// <summary>The compensated total; an infinite sum is returned as is (adding a NaN compensation would spoil it).</summary>
    public readonly double Value => double.IsInfinity(_sum) ? _sum : _sum + _compensation;

    /// <summary>Sum plus compensation even when infinite, as Prometheus's variance kernels compute it.</summary>
    public readonly double Compensated => _sum + _compensation;
}
