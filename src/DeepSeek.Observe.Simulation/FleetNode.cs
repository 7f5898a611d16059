using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>One GPU server: its Kubernetes node name is dcgm-exporter's <c>Hostname</c>.</summary>
public sealed record FleetNode(int Index, string Hostname)
{
    public EntityId Id => EntityId.Node(Hostname);
}
