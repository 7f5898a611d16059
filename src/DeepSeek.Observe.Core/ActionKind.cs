using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>What a remediation does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionKind>))]
public enum ActionKind
{
    Scale,
    Restart,
    Cordon,
    Rollback,
    CheckpointRestart,
}
