using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>What every fault kind must do, whatever it is: tests run once per kind the library knows.</summary>
public class FaultLibraryTests
{
    public static TheoryData<string> Kinds() => [.. FaultLibrary.Kinds.Select(FaultLibrary.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fault_SameSeed_IdenticalValuesAndLogs(string kind)
    {
        var first = new FaultRun(kind);
        var second = new FaultRun(kind);

        Assert.Equal(first.Fault.Root, second.Fault.Root);
        Assert.Equal(Bits(first, FaultRun.During), Bits(second, FaultRun.During));
        Assert.Equal(first.Logs(0, FaultRun.After).Select(l => l.ToString()), second.Logs(0, FaultRun.After).Select(l => l.ToString()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fault_ChangesTheRootAndOnlyAffectedEntities(string kind)
    {
        var run = new FaultRun(kind);
        var changed = run.Changed(FaultRun.During);

        Assert.NotEmpty(changed);
        Assert.Equal(run.Fault.Root, run.Fault.Affected[0]);
        var affected = run.Fault.Affected.ToHashSet();
        Assert.All(changed, i => Assert.Contains(run.EntityOf(in run.Series[i]), affected));
        Assert.Empty(run.Changed(FaultRun.Before));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fault_GroundTruth_RoundTripsThroughJson(string kind)
    {
        var run = new FaultRun(kind);
        var truth = run.Plan.ToGroundTruth(run.Fleet.Spec.Seed, FaultRun.StartMs, FaultRun.EndMs);

        var back = GroundTruth.FromJson(truth.ToJson());

        var fault = Assert.Single(back.Faults);
        Assert.Equal(run.Fault.Kind, fault.Kind);
        Assert.Equal(run.Fault.Root, fault.Root);
        Assert.Equal(run.Fault.Affected, fault.Affected);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(FaultRun.StartMs + (FaultRun.FaultStart * FaultRun.StepMs)), fault.Start);
        Assert.Contains($"\"kind\": \"{run.Fault.Kind}\"", truth.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownScenario_NamesTheChoices()
    {
        var fleet = Fleet.Build(new FleetSpec(4, 8, 1, 1, Seed: 1));

        var error = Assert.Throws<ArgumentException>(() => FaultPlan.Create("gpu-on-fire", fleet, 0, 3_600_000, 1));

        Assert.Contains("gpu-on-fire", error.Message, StringComparison.Ordinal);
        Assert.Contains("thermal-throttling", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Random_DependsOnTheSeedAndFitsTheFleet()
    {
        var fleet = Fleet.Build(new FleetSpec(8, 8, 2, 2, Seed: 1));

        var kinds = Enumerable.Range(0, 64).Select(seed => Assert.Single(FaultPlan.Create("random", fleet, 0, 3_600_000, (ulong)seed).Faults).Kind).ToHashSet();

        Assert.True(kinds.Count >= Math.Min(FaultLibrary.Kinds.Count, 4), $"64 seeds drew only {string.Join(", ", kinds)}");
    }

    [Fact]
    public void Name_KebabCase_RoundTrips()
    {
        Assert.Equal("gpu-fell-off-bus", FaultLibrary.Name(FaultKind.GpuFellOffBus));
        Assert.Equal("loss-nan", FaultLibrary.Name(FaultKind.LossNaN));
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(FaultLibrary.TryParse(FaultLibrary.Name(kind), out var back) && back == kind));
    }

    private static ulong[] Bits(FaultRun run, long step)
    {
        var values = new double[run.Series.Length];
        run.Generator.Generate(step, values);
        return [.. values.Select(BitConverter.DoubleToUInt64Bits)];
    }
}
