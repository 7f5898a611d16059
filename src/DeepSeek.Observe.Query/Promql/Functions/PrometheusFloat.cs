using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// Go's shortest-round-trip float formats as Prometheus prints them: <see cref="FormatF"/> (strconv 'f', −1: label
/// values from count_values), <see cref="FormatJsonValue"/> (the API's sample values: 'e' below 1e−6 and from 1e21,
/// 'f' otherwise) and <see cref="FormatG"/> (fmt's %v, in error messages). Infinities are "+Inf"/"-Inf", NaN "NaN".
/// </summary>
public static class PrometheusFloat
{
    // The API switches to exponent notation outside [1e-6, 1e21), as JavaScript's Number printing does.
    private const double JsonSmall = 1e-6;
    private const double JsonLarge = 1e21;

    // %v switches to exponent notation from 10^6 (Go uses precision 6 for the decision when printing shortest).
    private const int GExponentLimit = 6;

    public static string FormatF(double value)
    {
        if (Special(value) is { } special)
        {
            return special;
        }

        var (negative, digits, point) = Decompose(value);
        var builder = new StringBuilder(digits.Length + Math.Abs(point) + 3);
        if (negative)
        {
            builder.Append('-');
        }

        AppendFixed(builder, digits, point);
        return builder.ToString();
    }

    public static string FormatJsonValue(double value)
    {
        var abs = Math.Abs(value);
        return abs != 0 && (abs < JsonSmall || abs >= JsonLarge) && double.IsFinite(value) ? FormatE(value) : FormatF(value);
    }

    public static string FormatG(double value)
    {
        if (Special(value) is { } special)
        {
            return special;
        }

        var (_, digits, point) = Decompose(value);
        var exponent = point - 1;
        return digits != "0" && (exponent < -4 || exponent >= GExponentLimit) ? FormatE(value) : FormatF(value);
    }

    /// <summary>Go's 'e' with shortest digits: "1e+21", "-1.5e-07" (at least two exponent digits).</summary>
    public static string FormatE(double value)
    {
        if (Special(value) is { } special)
        {
            return special;
        }

        var (negative, digits, point) = Decompose(value);
        var builder = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            builder.Append('-');
        }

        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits.AsSpan(1));
        }

        var exponent = digits == "0" ? 0 : point - 1;
        builder.Append('e').Append(exponent < 0 ? '-' : '+');
        builder.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>A sample timestamp as the API writes it: seconds with up to three decimals, trailing zeros kept ("1.500").</summary>
    public static string FormatTimestamp(long timestampMs)
    {
        var builder = new StringBuilder(24);
        // Negated via +1 so long.MinValue does not overflow.
        var magnitude = timestampMs < 0 ? (ulong)(-(timestampMs + 1)) + 1 : (ulong)timestampMs;
        if (timestampMs < 0)
        {
            builder.Append('-');
        }

        builder.Append((magnitude / 1000).ToString(CultureInfo.InvariantCulture));
        var fraction = magnitude % 1000;
        if (fraction != 0)
        {
            builder.Append('.').Append(fraction.ToString("000", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string? Special(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : null;

    /// <summary>
    /// The shortest digits that round-trip (what both .NET's "R" and Go's −1 precision produce) and the decimal point
    /// position: value = 0.digits × 10^point.
    /// </summary>
    private static (bool Negative, string Digits, int Point) Decompose(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var digits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        var point = integerDigits + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return (double.IsNegative(value), "0", 1);
        }

        return (double.IsNegative(value), digits, point - leadingZeros);
    }

    private static void AppendFixed(StringBuilder builder, string digits, int point)
    {
        if (point <= 0)
        {
            builder.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            builder.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            builder.Append(digits.AsSpan(0, point)).Append('.').Append(digits.AsSpan(point));
        }
    }
}
