using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>What was injected in one run: what a perfect detector and root-cause analysis would report.</summary>
public sealed record GroundTruth(ulong Seed, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<GroundTruthFault> Faults)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static GroundTruth FromJson(string json) =>
        JsonSerializer.Deserialize<GroundTruth>(json, s_json) ?? throw new JsonException("the ground truth file is empty");
}

/// <summary>One injected fault: cause kind, root entity, when, and every entity it affected (the root first).</summary>
public sealed record GroundTruthFault(FaultKind Kind, EntityId Root, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<EntityId> Affected, string Description);
