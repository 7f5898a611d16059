using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>Lifecycle of an incident.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentState>))]
public enum IncidentState
{
    Open,
    Mitigated,
    Resolved,
}
