using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>Many faults in one short run leave each a few minutes: each must still show itself, timeouts and all.</summary>
public class ShortTrainingFaultsTests
{
    private static readonly FaultKind[] s_training =
    [
        FaultKind.NcclTimeout, FaultKind.Straggler, FaultKind.CudaOutOfMemory, FaultKind.LossNaN, FaultKind.StorageStall,
        FaultKind.CheckpointUploadFailure, FaultKind.SidecarInterference,
    ];

    [Fact]
    public void EveryTrainingFault_InAThreeMinuteWindow_ChangesTelemetryAndLogs()
    {
        var fleet = Fleet.Build(new FleetSpec(8, 8, 2, 2, Seed: 7));
        var plan = FaultPlan.Create(string.Join(',', s_training.Select(FaultLibrary.Name)), fleet, FaultRun.StartMs, FaultRun.StartMs + 3_600_000, 7);
        var catalog = new SeriesCatalog(fleet);
        var time = new SimulationTime(FaultRun.StartMs, FaultRun.StepMs);
        var healthy = new FleetGenerator(catalog, time);
        var faulty = new double[catalog.Count];
        var reference = new double[catalog.Count];

        Assert.Equal(s_training.Length, plan.Faults.Count);
        foreach (var fault in plan.Faults)
        {
            var alone = new FleetGenerator(catalog, time, [fault]);
            var late = (fault.Window.EndMs - FaultRun.StartMs - 1) / FaultRun.StepMs;
            alone.Generate(late, faulty);
            healthy.Generate(late, reference);

            Assert.True(fault.Window.DurationSeconds < 200, $"{fault.Kind}: {fault.Window.DurationSeconds} s");
            Assert.True(Enumerable.Range(0, faulty.Length).Any(i => BitConverter.DoubleToUInt64Bits(faulty[i]) != BitConverter.DoubleToUInt64Bits(reference[i])), $"{fault.Kind} changed nothing");
            Assert.True(fault.Logs(fault.Window.StartMs, fault.Window.EndMs).Any(), $"{fault.Kind} logged nothing");
        }

        var nccl = Assert.IsType<NcclTimeout>(plan.Faults[0]);
        Assert.Contains(nccl.Logs(nccl.Window.StartMs, nccl.Window.EndMs), l => l.Body.Contains("Watchdog caught collective operation timeout", StringComparison.Ordinal));
        Assert.NotEmpty(Assert.IsType<CudaOutOfMemory>(plan.Faults[2]).Failures);
        var loss = Assert.IsType<LossNaN>(plan.Faults[3]);
        Assert.True(loss.CollapsedMs < loss.Window.EndMs);
        Assert.Single(Assert.IsType<CheckpointUploadFailure>(plan.Faults[5]).Checkpoints);
    }
}
