using System.Globalization;

namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>A scalar constant: <c>1</c>, <c>-2.5e3</c>, <c>0x1f</c>, <c>Inf</c>, <c>NaN</c>.</summary>
public sealed record NumberLiteral(double Value) : Expr
{
    public override PromqlValueType Type => PromqlValueType.Scalar;

    public override string ToString() => Format(Value);

    /// <summary>Shortest round-trip digits in plain notation, as Go's FormatFloat(f, 'f', -1) prints.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        // Expand d.dddE±x into plain digits.
        var negative = text[0] == '-';
        var mantissa = text[(negative ? 1 : 0)..e];
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointAt = (point < 0 ? mantissa.Length : point) + exponent;
        string plain;
        if (pointAt <= 0)
        {
            plain = "0." + new string('0', -pointAt) + digits;
        }
        else if (pointAt >= digits.Length)
        {
            plain = digits + new string('0', pointAt - digits.Length);
        }
        else
        {
            plain = digits[..pointAt] + "." + digits[pointAt..];
        }

        return negative ? "-" + plain : plain;
    }
}
