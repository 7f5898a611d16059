using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>Lifecycle of an action.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionState>))]
public enum ActionState
{
    Proposed,
    AwaitingApproval,
    Rejected,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
