using System.Globalization;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>Log lines the training faults share: a workload container's line, a kubelet event about a pod.</summary>
internal static class TrainingLogs
{
    public static SimulatedLog Container(long timestampMs, LogSeverity level, FleetPod pod, string body) =>
        new(timestampMs, LogSource.Container, level, pod.Node, pod, pod.Container, body);

    public static SimulatedLog Kubelet(long timestampMs, LogSeverity level, FleetPod pod, string body) =>
        new(timestampMs, LogSource.Kubernetes, level, pod.Node, pod, pod.Container, body);

    public static SimulatedLog Kernel(long timestampMs, LogSeverity level, FleetNode node, string body) =>
        new(timestampMs, LogSource.Kernel, level, node, null, null, body);

    /// <summary>The rank as torch.distributed prefixes its lines (<c>[rank3]</c>) and numbers it.</summary>
    public static string Number(TrainingRank rank) => rank.Rank.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rank on its node (torchrun's LOCAL_RANK), which is also the GPU it uses.</summary>
    public static int LocalRank(TrainingRank rank) => rank.Gpu.Gpu;

    /// <summary>Whether <paramref name="series"/> is a kube-state-metrics series of the trainer container with this label value.</summary>
    public static bool Is(in SimulatedSeries series, string metric, string label, string value) =>
        series.Labels.MetricName == metric && series.Labels[label] == value;

    public static string Format(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
