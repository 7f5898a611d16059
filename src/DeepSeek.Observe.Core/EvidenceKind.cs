using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>What a piece of evidence points at.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    Metric,
    Log,
    Alert,
    Anomaly,
    Topology,
    Change,
}
