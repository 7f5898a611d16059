using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>
/// One scenario over a two-hour run (2026-01-01 from 00:00Z, 15 s steps) next to the same fleet healthy: the fault is
/// active from 00:40 to 01:20 (the plan's middle third), so <see cref="Before"/>, <see cref="During"/> and
/// <see cref="After"/> are steps well inside each phase.
/// </summary>
internal sealed class FaultRun
{
    public const long StartMs = 1_767_225_600_000;
    public const long StepMs = 15_000;
    public const long EndMs = StartMs + (2 * 3600 * 1000);

    public FaultRun(string scenario, FleetSpec? spec = null)
        : this(Fleet.Build(spec ?? new FleetSpec(8, 8, 2, 2, Seed: 7)), fleet => FaultPlan.Create(scenario, fleet, StartMs, EndMs, fleet.Spec.Seed))
    {
    }

    /// <summary>A run with one fault built on a chosen entity, active from <see cref="FaultStart"/> to <see cref="FaultEnd"/>.</summary>
    public FaultRun(Func<Fleet, FaultWindow, Fault> create, FleetSpec? spec = null)
        : this(Fleet.Build(spec ?? new FleetSpec(8, 8, 2, 2, Seed: 7)), fleet => FaultPlan.Of([create(fleet, new FaultWindow(StartMs + (FaultStart * StepMs), StartMs + (FaultEnd * StepMs)))]))
    {
    }

    private FaultRun(Fleet fleet, Func<Fleet, FaultPlan> plan)
    {
        Fleet = fleet;
        Plan = plan(fleet);
        var catalog = new SeriesCatalog(Fleet);
        Generator = new FleetGenerator(catalog, new SimulationTime(StartMs, StepMs), Plan.Faults);
        Healthy = new FleetGenerator(catalog, new SimulationTime(StartMs, StepMs));
    }

    public Fleet Fleet { get; }

    public FaultPlan Plan { get; }

    public Fault Fault => Assert.Single(Plan.Faults);

    public FleetGenerator Generator { get; }

    public FleetGenerator Healthy { get; }

    public SimulatedSeries[] Series => Generator.Catalog.Series;

    public static long Before => 20 * 4;

    /// <summary>Twenty minutes into the fault: ramps are over, timeouts have fired.</summary>
    public static long During => 60 * 4;

    public static long FaultStart => 40 * 4;

    public static long FaultEnd => 80 * 4;

    public static long After => 100 * 4;

    public int Index(string metric, Func<LabelSet, bool> where)
    {
        var index = Array.FindIndex(Series, s => s.Labels.MetricName == metric && where(s.Labels));
        Assert.True(index >= 0, $"no {metric} series matches");
        return index;
    }

    public double Value(string metric, Func<LabelSet, bool> where, long step) => Generator.ValueAt(Index(metric, where), step);

    public double HealthyValue(string metric, Func<LabelSet, bool> where, long step) => Healthy.ValueAt(Index(metric, where), step);

    /// <summary>Indices of the series whose value at <paramref name="step"/> differs (bit for bit) from the healthy fleet's.</summary>
    public IReadOnlyList<int> Changed(long step)
    {
        var faulty = new double[Series.Length];
        var healthy = new double[Series.Length];
        Generator.Generate(step, faulty);
        Healthy.Generate(step, healthy);
        return [.. Enumerable.Range(0, Series.Length).Where(i => BitConverter.DoubleToUInt64Bits(faulty[i]) != BitConverter.DoubleToUInt64Bits(healthy[i]))];
    }

    public IReadOnlyList<SimulatedLog> Logs(long fromStep, long toStep) =>
        [.. Fault.Logs(StartMs + (fromStep * StepMs), StartMs + (toStep * StepMs))];

    /// <summary>The entity a series describes, by the fleet list its kind indexes.</summary>
    public EntityId EntityOf(in SimulatedSeries series) => series.Kind switch
    {
        _ when series.Kind.IsGpu() => Fleet.Gpus[series.Entity].Id,
        _ when series.Kind.IsRank() => Fleet.Ranks[series.Entity].Id,
        _ when series.Kind.IsPod() => Fleet.Pods[series.Entity].Id,
        _ when series.Kind.IsNode() => Fleet.Nodes[series.Entity].Id,
        _ when series.Kind.IsDeployment() => Fleet.Deployments[series.Entity].Id,
        _ when series.Kind.IsQuota() => EntityId.Namespace(series.Entity == 0 ? Fleet.TrainingNamespace : Fleet.InferenceNamespace),
        _ => EntityId.Cluster("simulated"),
    };
}
