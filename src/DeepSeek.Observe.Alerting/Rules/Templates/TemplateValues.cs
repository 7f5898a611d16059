using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>How Go's text/template treats the few value kinds alert templates handle: printing, truth, type names.</summary>
internal static class TemplateValues
{
    /// <summary>Go's default formatting (<c>%v</c>) of a value printed by an action.</summary>
    public static string Print(object? value) => value switch
    {
        null => "<no value>",
        string s => s,
        double d => GoFormat.Shortest(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IReadOnlyDictionary<string, string> map => PrintMap(map),
        TemplateData data => $"{{{PrintMap(data.Labels)} {PrintMap(data.ExternalLabels)} {data.ExternalUrl} {GoFormat.Shortest(data.Value)}}}",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Go template truth: false, zero, empty and nil are false.</summary>
    public static bool Truth(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        double d => d != 0,
        long l => l != 0,
        IReadOnlyDictionary<string, string> map => map.Count > 0,
        _ => true,
    };

    /// <summary>The Go type name used in fmt's error verbs (<c>%!d(float64=1.5)</c>).</summary>
    public static string GoType(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        double => "float64",
        long => "int",
        bool => "bool",
        IReadOnlyDictionary<string, string> => "map[string]string",
        TemplateData => "struct",
        _ => value.GetType().Name,
    };

    /// <summary>Prometheus's convertToFloat: numbers, and strings that parse as Go floats.</summary>
    public static double ToFloat(object? value) => value switch
    {
        double d => d,
        long l => l,
        string s when TryParseGoFloat(s, out var parsed) => parsed,
        string s => throw new TemplateExecutionException($"strconv.ParseFloat: parsing \"{s}\": invalid syntax"),
        _ => throw new TemplateExecutionException($"can't convert {GoType(value)} to float"),
    };

    public static bool TryParseGoFloat(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf" or "inf" or "+inf" or "infinity" or "+Infinity" or "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Inf" or "-inf" or "-Infinity" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "NaN" or "nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static string PrintMap(IReadOnlyDictionary<string, string> map)
    {
        var builder = new StringBuilder("map[");
        var first = true;
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            builder.Append(first ? string.Empty : " ").Append(key).Append(':').Append(map[key]);
            first = false;
        }

        return builder.Append(']').ToString();
    }
}

/// <summary>A template failure at expansion time; the expander turns it into Prometheus's error text.</summary>
internal sealed class TemplateExecutionException(string message) : Exception(message);
