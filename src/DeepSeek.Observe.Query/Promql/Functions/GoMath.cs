namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Go's <c>math.Log2</c> and <c>math.Log10</c> formulas, which Prometheus's log2()/log10() inherit. They are not the
/// C library's: Go derives both from the natural log of the frexp mantissa, so e.g. log10 of some powers of ten
/// lands one ulp away from the exact answer — and promtool compares bit for bit.
/// </summary>
internal static class GoMath
{
    // Nearest doubles to 1/ln 2 and ln 2/ln 10 (Go folds these constants exactly, then rounds once).
    private const double Log2E = 1.4426950408889634;
    private const double Ln2OverLn10 = 0.3010299956639812;

    public static double Log2(double x)
    {
        var (fraction, exponent) = Frexp(x);
        // Exact powers of two get an exact answer.
        if (fraction == 0.5)
        {
            return exponent - 1;
        }

        return (Math.Log(fraction) * Log2E) + exponent;
    }

    public static double Log10(double x) => Log2(x) * Ln2OverLn10;

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
