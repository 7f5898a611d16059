using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>Label predicates that pick one entity's series out of a <see cref="FaultRun"/>.</summary>
internal static class Select
{
    public static Func<LabelSet, bool> Gpu(EntityId gpu) => l => l["Hostname"] == gpu.Segments[0] && l["gpu"] == gpu.Segments[1];

    public static Func<LabelSet, bool> Gpu(FleetGpu gpu) => Gpu(gpu.Id);

    public static Func<LabelSet, bool> Rank(TrainingRank rank) =>
        l => l["train_job"] == rank.Job.Name && l["rank"] == rank.Rank.ToString(CultureInfo.InvariantCulture);

    public static Func<LabelSet, bool> Pod(FleetPod pod) => l => l["namespace"] == pod.Namespace && l["pod"] == pod.Name;

    /// <summary>The pod's last-terminated-reason series for <paramref name="reason"/> (kube-state-metrics).</summary>
    public static Func<LabelSet, bool> Terminated(FleetPod pod, string reason) => l => Pod(pod)(l) && l["reason"] == reason;

    public static Func<LabelSet, bool> Code(FleetPod pod, string code) => l => Pod(pod)(l) && l["code"] == code;
}
