using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>One GPU as dcgm-exporter names it; <see cref="Pod"/> is null while no container holds it.</summary>
public sealed record FleetGpu(int Index, FleetNode Node, int Gpu, string Uuid, string PciBusId, string ModelName)
{
    /// <summary>The pod holding this GPU (dcgm-exporter's Kubernetes mapping), or null when idle.</summary>
    public FleetPod? Pod { get; internal set; }

    /// <summary>dcgm-exporter's <c>device</c> label.</summary>
    public string Device => $"nvidia{Gpu}";

    public EntityId Id => EntityId.Gpu(Node.Hostname, Gpu.ToString(CultureInfo.InvariantCulture));
}
