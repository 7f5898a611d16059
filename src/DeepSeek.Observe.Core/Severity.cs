using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>
/// Alert severity. The order matters: L1 is the most severe, and inhibition lets an L1 on a node silence the
/// L2/L3 alerts of what runs on it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Hardware fault: GPU temperature over 85 °C, XID error, GPU fell off the bus.</summary>
    L1 = 1,

    /// <summary>Performance degradation: latency +30 % over baseline, step-time spread, utilisation collapse.</summary>
    L2 = 2,

    /// <summary>Business anomaly: accuracy −5 %, error-rate burn, QPS collapse.</summary>
    L3 = 3,
}

/// <summary>Parsing for the <c>severity</c> label that rule files carry.</summary>
public static class SeverityLabel
{
    /// <summary>The label name rule files use.</summary>
    public const string Name = "severity";

    /// <summary>Parses "L1".."L3" (case-insensitive).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out Severity? severity)
    {
        severity = value?.ToUpperInvariant() switch
        {
            "L1" => Severity.L1,
            "L2" => Severity.L2,
            "L3" => Severity.L3,
            _ => null,
        };
        return severity is not null;
    }
}
