using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// OpenTelemetry → Prometheus naming, after the OpenTelemetry "Prometheus and OpenMetrics compatibility"
/// specification: characters Prometheus does not allow become '_', the unit is appended in words
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, <c>1</c> on a gauge → <c>_ratio</c>, <c>X/Y</c> →
/// <c>_X_per_Y</c>, <c>{annotations}</c> dropped) and monotonic sums end in <c>_total</c>.
/// </summary>
public static class OtlpNames
{
    private static readonly Dictionary<string, string> s_units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["TiBy"] = "tebibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> s_perUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>The Prometheus metric name of an OTLP metric.</summary>
    public static string MetricName(string name, string unit, bool isGauge, bool isMonotonicSum)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = Sanitize(name, allowColon: true);
        var suffix = UnitSuffix(unit ?? string.Empty, isGauge);
        if (suffix.Length > 0 && !result.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            result = $"{result}_{suffix}";
        }

        if (isMonotonicSum && !result.EndsWith("_total", StringComparison.Ordinal))
        {
            result += "_total";
        }

        return result;
    }

    /// <summary>The Prometheus label name of an attribute key: invalid characters become '_', a leading digit gets "key_".</summary>
    public static string LabelName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = Sanitize(key, allowColon: false);
        return char.IsAsciiDigit(result[0]) ? "key_" + result : result;
    }

    /// <summary>
    /// An OTLP unit in Prometheus's words (<c>s</c> → <c>seconds</c>, <c>By/s</c> → <c>bytes_per_second</c>), as the
    /// name's suffix and the metadata's unit; empty when it has none.
    /// </summary>
    public static string PrometheusUnit(string unit, bool isGauge) => UnitSuffix(unit ?? string.Empty, isGauge);

    private static string UnitSuffix(string unit, bool isGauge)
    {
        // Curly-brace annotations ("{request}") carry no unit.
        var start = unit.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = unit.IndexOf('}', start);
            unit = end < 0 ? unit[..start] : unit[..start] + unit[(end + 1)..];
            start = unit.IndexOf('{', StringComparison.Ordinal);
        }

        unit = unit.Trim();
        if (unit.Length == 0)
        {
            return string.Empty;
        }

        if (unit == "1")
        {
            return isGauge ? "ratio" : string.Empty;
        }

        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var over = unit[(slash + 1)..];
            var left = s_units.GetValueOrDefault(unit[..slash], unit[..slash]);
            return Sanitize($"{left}_per_{s_perUnits.GetValueOrDefault(over, over)}", allowColon: false);
        }

        return Sanitize(s_units.GetValueOrDefault(unit, unit), allowColon: false);
    }

    private static string Sanitize(string text, bool allowColon)
    {
        if (text.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(text.Length + 1);
        if (char.IsAsciiDigit(text[0]) && allowColon)
        {
            builder.Append('_');
        }

        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>A float as Prometheus prints it in <c>le</c> and <c>quantile</c> labels.</summary>
    public static string FormatFloat(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
