namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Go's <c>math.Log</c>, <c>Log2</c> and <c>Log10</c>, which Prometheus's ln()/log2()/log10() inherit. They are not
/// the C library's: Go's Log is fdlibm's (not always correctly rounded: ln 3 comes out one ulp low), and Log2/Log10
/// are derived from it (Log2 through the frexp mantissa, Log10 as Log × (1/ln 10)), so log10(0.1) is
/// −0.9999999999999999. promtool compares bit for
/// bit, so the oracle test caught each of these against .NET's Math.Log/Log10.
/// </summary>
internal static class GoMath
{
    // Nearest doubles to 1/ln 2 and 1/ln 10 (Go folds these constants exactly, then rounds once).
    private const double Log2E = 1.4426950408889634;
    private const double Log10E = 0.4342944819032518;

    // fdlibm's e_log.c reduction: ln 2 split in a high part with trailing zero bits (so k·Ln2Hi is exact) and the
    // remainder, and the minimax polynomial coefficients for ln((1+s)/(1−s)) on |s| ≤ 0.1716.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double L1 = 6.666666666666735130e-01;
    private const double L2 = 3.999999999940941908e-01;
    private const double L3 = 2.857142874366239149e-01;
    private const double L4 = 2.222219843214978396e-01;
    private const double L5 = 1.818357216161805012e-01;
    private const double L6 = 1.531383769920937332e-01;
    private const double L7 = 1.479819860511658591e-01;
    private const double HalfSqrt2 = 0.70710678118654752440;

    public static double Log(double x)
    {
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        // x = 2^k · (1 + f) with 1 + f in [√2/2, √2).
        var (f1, ki) = Frexp(x);
        if (f1 < HalfSqrt2)
        {
            f1 *= 2;
            ki--;
        }

        var f = f1 - 1;
        double k = ki;
        var s = f / (2 + f);
        var s2 = s * s;
        var s4 = s2 * s2;
        var t1 = s2 * (L1 + (s4 * (L3 + (s4 * (L5 + (s4 * L7))))));
        var t2 = s4 * (L2 + (s4 * (L4 + (s4 * L6))));
        var r = t1 + t2;
        var hfsq = 0.5 * f * f;
        return (k * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (k * Ln2Lo))) - f);
    }

    public static double Log2(double x)
    {
        var (fraction, exponent) = Frexp(x);
        // Exact powers of two get an exact answer.
        if (fraction == 0.5)
        {
            return exponent - 1;
        }

        return (Log(fraction) * Log2E) + exponent;
    }

    public static double Log10(double x) => Log(x) * Log10E;

    /// <summary>x = fraction × 2^exponent with |fraction| in [0.5, 1); zero, infinities and NaN come back unchanged.</summary>
    private static (double Fraction, int Exponent) Frexp(double x)
    {
        if (x == 0 || double.IsInfinity(x) || double.IsNaN(x))
        {
            return (x, 0);
        }

        var exponent = Math.ILogB(x) + 1;
        return (Math.ScaleB(x, -exponent), exponent);
    }
}
