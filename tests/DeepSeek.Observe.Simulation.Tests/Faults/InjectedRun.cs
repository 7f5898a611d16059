using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>
/// Like <see cref="FaultRun"/> (same fleet, times and steps), for a fault built directly: to test a variant that a
/// scenario's key may not draw.
/// </summary>
internal sealed class InjectedRun
{
    public InjectedRun(Func<Fleet, FaultWindow, Fault> create)
    {
        Fleet = Fleet.Build(new FleetSpec(8, 8, 2, 2, Seed: 7));
        Window = new FaultWindow(At(FaultRun.FaultStart), At(FaultRun.FaultEnd));
        Fault = create(Fleet, Window);
        var catalog = new SeriesCatalog(Fleet);
        Generator = new FleetGenerator(catalog, new SimulationTime(FaultRun.StartMs, FaultRun.StepMs), [Fault]);
        Healthy = new FleetGenerator(catalog, new SimulationTime(FaultRun.StartMs, FaultRun.StepMs));
    }

    public Fleet Fleet { get; }

    public FaultWindow Window { get; }

    public Fault Fault { get; }

    public FleetGenerator Generator { get; }

    public FleetGenerator Healthy { get; }

    /// <summary>The unix time of a step.</summary>
    public static long At(long step) => FaultRun.StartMs + (step * FaultRun.StepMs);

    /// <summary>The last step at or before a unix time.</summary>
    public static long StepAt(long timestampMs) => (timestampMs - FaultRun.StartMs) / FaultRun.StepMs;

    public double Value(string metric, Func<LabelSet, bool> where, long step) => Generator.ValueAt(Index(metric, where), step);

    public double HealthyValue(string metric, Func<LabelSet, bool> where, long step) => Healthy.ValueAt(Index(metric, where), step);

    public IReadOnlyList<SimulatedLog> Logs(long fromStep, long toStep) => [.. Fault.Logs(At(fromStep), At(toStep))];

    /// <summary>The entities (as <see cref="FaultRun.EntityOf"/> maps series) of the series that differ from the healthy fleet's at a step.</summary>
    public HashSet<EntityId> ChangedEntities(long step)
    {
        var series = Generator.Catalog.Series;
        var faulty = new double[series.Length];
        var healthy = new double[series.Length];
        Generator.Generate(step, faulty);
        Healthy.Generate(step, healthy);
        return Enumerable.Range(0, series.Length)
            .Where(i => BitConverter.DoubleToUInt64Bits(faulty[i]) != BitConverter.DoubleToUInt64Bits(healthy[i]))
            .Select(i => series[i].Kind switch
            {
                var k when k.IsGpu() => Fleet.Gpus[series[i].Entity].Id,
                var k when k.IsRank() => Fleet.Ranks[series[i].Entity].Id,
                var k when k.IsPod() => Fleet.Pods[series[i].Entity].Id,
                var k when k.IsNode() => Fleet.Nodes[series[i].Entity].Id,
                _ => EntityId.Cluster("unmapped"),
            })
            .ToHashSet();
    }

    private int Index(string metric, Func<LabelSet, bool> where)
    {
        var index = Array.FindIndex(Generator.Catalog.Series, s => s.Labels.MetricName == metric && where(s.Labels));
        Assert.True(index >= 0, $"no {metric} series matches");
        return index;
    }
}

/// <summary>Label predicates for one entity's series.</summary>
internal static class Of
{
    public static Func<LabelSet, bool> Rank(TrainingRank rank) =>
        l => l["train_job"] == rank.Job.Name && l["rank"] == rank.Rank.ToString(CultureInfo.InvariantCulture);

    public static Func<LabelSet, bool> Gpu(FleetGpu gpu) =>
        l => l["Hostname"] == gpu.Node.Hostname && l["gpu"] == gpu.Gpu.ToString(CultureInfo.InvariantCulture);

    public static Func<LabelSet, bool> Node(FleetNode node) => l => l["job"] == "node-exporter" && l["node"] == node.Hostname;

    public static Func<LabelSet, bool> Pod(FleetPod pod, string? reason = null) =>
        l => l["pod"] == pod.Name && l["container"] == pod.Container && (reason is null || l["reason"] == reason);

    public static Func<LabelSet, bool> Sidecar(FleetPod pod) => l => l["pod"] == pod.Name && l["container"] == SeriesCatalog.SidecarContainer;
}
