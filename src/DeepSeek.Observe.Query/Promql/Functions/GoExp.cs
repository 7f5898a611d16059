using System.Runtime.Intrinsics.X86;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Go's <c>math.Exp</c> on amd64, which Prometheus's exp() inherits: not the C library's correctly rounded exp but
/// Go's assembly version of Shibata's SLEEF method (public domain; "Efficient evaluation methods of elementary
/// functions suitable for SIMD computation", ISC 2010). It differs from Math.Exp by an ulp for about 3% of inputs,
/// and promtool compares bit for bit. Go takes the fused multiply-add path when the CPU has AVX2 and FMA, so the
/// result depends on the CPU; this follows the same choice for the CPU it runs on.
/// </summary>
internal static class GoExp
{
    private static readonly bool s_useFma = Avx2.IsSupported && Fma.IsSupported;

    // 1/ln 2, and ln 2 split so that k·Ln2Upper is exact for the k that occur.
    private const double Log2E = 1.4426950408889634073599246810018920;
    private const double Ln2Upper = 0.69314718055966295651160180568695068359375;
    private const double Ln2Lower = 0.28235290563031577122588448175013436025525412068e-12;

    // Largest x whose exp is finite.
    private const double Overflow = 7.09782712893384e+02;

    // Taylor coefficients 1/8! … 1/2!, 1: exp(r) − 1 for r = (x − k ln 2)/16, then squared up four times.
    private const double C8 = 2.4801587301587301587e-5;
    private const double C7 = 1.9841269841269841270e-4;
    private const double C6 = 1.3888888888888888889e-3;
    private const double C5 = 8.3333333333333333333e-3;
    private const double C4 = 4.1666666666666666667e-2;
    private const double C3 = 1.6666666666666666667e-1;
    private const double C2 = 0.5;

    public static double Exp(double x) => Exp(x, s_useFma);

    internal static double Exp(double x, bool useFma)
    {
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (double.IsNegativeInfinity(x))
        {
            return 0;
        }

        if (x > Overflow)
        {
            return double.PositiveInfinity;
        }

        // CVTSD2SL: round to nearest even; out of int range gives int.MinValue (the result then underflows to 0).
        var t = Math.Round(Log2E * x);
        var k = t is >= int.MinValue and <= int.MaxValue ? (int)t : int.MinValue;
        double kd = k;
        double e;
        if (useFma)
        {
            var r = Math.FusedMultiplyAdd(-kd, Ln2Lower, Math.FusedMultiplyAdd(-kd, Ln2Upper, x)) * 0.0625;
            var p = Math.FusedMultiplyAdd(C8, r, C7);
            p = Math.FusedMultiplyAdd(p, r, C6);
            p = Math.FusedMultiplyAdd(p, r, C5);
            p = Math.FusedMultiplyAdd(p, r, C4);
            p = Math.FusedMultiplyAdd(p, r, C3);
            p = Math.FusedMultiplyAdd(p, r, C2);
            p = Math.FusedMultiplyAdd(p, r, 1.0);
            e = r * p;
            e *= e + 2.0;
            e *= e + 2.0;
            e *= e + 2.0;
            e = Math.FusedMultiplyAdd(e, e + 2.0, 1.0);
        }
        else
        {
            var r = x - (Ln2Upper * kd);
            r = (r - (Ln2Lower * kd)) * 0.0625;
            var p = (C8 * r) + C7;
            p = (p * r) + C6;
            p = (p * r) + C5;
            p = (p * r) + C4;
            p = (p * r) + C3;
            p = (p * r) + C2;
            p = (p * r) + 1.0;
            e = r * p;
            e *= e + 2.0;
            e *= e + 2.0;
            e *= e + 2.0;
            e *= e + 2.0;
            e += 1.0;
        }

        return Scale(e, k);
    }

    /// <summary>e × 2^k built from exponent bits, with the two-step scaling Go uses for subnormal results.</summary>
    private static double Scale(double e, int k)
    {
        var biased = (long)k + 0x3FF;
        if (biased <= 0)
        {
            if (biased < -52)
            {
                return 0;
            }

            e *= BitConverter.Int64BitsToDouble((biased + 0x3FE) << 52);
            biased = 1;
        }
        else if (biased >= 0x7FF)
        {
            return double.PositiveInfinity;
        }

        return e * BitConverter.Int64BitsToDouble(biased << 52);
    }
}
