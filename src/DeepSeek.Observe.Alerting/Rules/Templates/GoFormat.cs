using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// Go's fmt number formatting where alert text depends on it (<c>%g</c>, <c>%.4g</c>, <c>%e</c>, <c>%f</c>, <c>%v</c>),
/// so a templated annotation reads exactly as Prometheus would write it (e.g. <c>1.235e+06</c>, <c>+Inf</c>).
/// </summary>
internal static class GoFormat
{
    /// <summary><c>%v</c> of a float64: the shortest representation, scientific when the exponent is &lt; -4 or ≥ 6 (<c>1e+06</c>).</summary>
    public static string Shortest(double value) => G(value, -1);

    /// <summary>strconv.FormatFloat(v, 'e', -1, 64): the shortest digits in exponent form (<c>9.1e+01</c>).</summary>
    public static string ShortestE(double value)
    {
        if (NonFinite(value) is { } special)
        {
            return special;
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0e+00" : "0e+00";
        }

        var (negative, digits, exponent) = Decompose(value, -1);
        return (negative ? "-" : string.Empty) + Scientific(digits, exponent);
    }

    /// <summary><c>%.{precision}g</c>; precision -1 is the shortest representation that round-trips.</summary>
    public static string G(double value, int precision)
    {
        if (NonFinite(value) is { } special)
        {
            return special;
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (negative, digits, exponent) = Decompose(value, precision == 0 ? 1 : precision);

        // strconv: %e when the exponent is < -4 or >= the precision; the shortest form decides with precision 6.
        var limit = precision < 0 ? 6 : precision == 0 ? 1 : precision;
        var text = exponent < -4 || exponent >= limit ? Scientific(digits, exponent) : Fixed(digits, exponent);
        return negative ? "-" + text : text;
    }

    /// <summary><c>%.{precision}f</c> (Go rounds half to even on the exact binary value, as .NET's "F" does).</summary>
    public static string F(double value, int precision) =>
        NonFinite(value) ?? value.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><c>%.{precision}e</c> with Go's at-least-two-digit exponent.</summary>
    public static string E(double value, int precision)
    {
        if (NonFinite(value) is { } special)
        {
            return special;
        }

        var text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..e] + ExponentSuffix(exponent);
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : null;

    // Significant digits without trailing zeros and the decimal exponent of the first one. Precision -1 takes the
    // shortest round-trip digits ("R"), otherwise the value rounded to that many significant digits.
    private static (bool Negative, string Digits, int Exponent) Decompose(double value, int precision)
    {
        var negative = value < 0;
        var text = Math.Abs(value).ToString(
            precision < 0 ? "R" : "E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var all = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (negative, digits.Length == 0 ? "0" : digits, integerDigits - 1 + exponent - leadingZeros);
    }

    private static string Scientific(string digits, int exponent)
    {
        var builder = new StringBuilder();
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        return builder.Append(ExponentSuffix(exponent)).ToString();
    }

    private static string Fixed(string digits, int exponent)
    {
        if (exponent < 0)
        {
            return "0." + new string('0', -exponent - 1) + digits;
        }

        if (digits.Length <= exponent + 1)
        {
            return digits + new string('0', exponent + 1 - digits.Length);
        }

        return digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }

    private static string ExponentSuffix(int exponent) =>
        "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
}
