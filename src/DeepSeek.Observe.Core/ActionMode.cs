using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>How much autonomy a policy grants an action.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionMode>))]
public enum ActionMode
{
    /// <summary>Planned and audited, never executed.</summary>
    DryRun,

    /// <summary>Executed as soon as the safety checks pass.</summary>
    Auto,

    /// <summary>Executed once a human approves it.</summary>
    Approval,
}
