using System.Globalization;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Logs;
using DeepSeek.Observe.Simulation.Tests.Faults;

namespace DeepSeek.Observe.Simulation.Tests.Logs;

public partial class FleetLogGeneratorTests
{
    private const long StartMs = FaultRun.StartMs;
    private const long MinuteMs = 60_000;

    private static FleetLogGenerator Generator(ulong seed = 7, double rate = FleetLogGenerator.DefaultLinesPerNodePerMinute, IReadOnlyList<Fault>? faults = null)
    {
        var fleet = Fleet.Build(new FleetSpec(8, 8, 2, 2, seed));
        return new FleetLogGenerator(new FleetGenerator(new SeriesCatalog(fleet), new SimulationTime(StartMs, 15_000)), faults, rate);
    }

    private static IEnumerable<(long, LogSource, LogSeverity, string, string?, string?, string)> Shape(IEnumerable<SimulatedLog> lines) =>
        lines.Select(l => (l.TimestampMs, l.Source, l.Level, l.Node.Hostname, l.Pod?.Name, l.Container, l.Body));

    [Fact]
    public void Logs_SameSeed_SameLinesAndAnotherSeedDiffers()
    {
        var first = Generator().Logs(StartMs, StartMs + (10 * MinuteMs));
        var again = Generator().Logs(StartMs, StartMs + (10 * MinuteMs));
        var other = Generator(seed: 8).Logs(StartMs, StartMs + (10 * MinuteMs));

        Assert.True(first.Count > 500, $"only {first.Count} lines");
        Assert.Equal(Shape(first), Shape(again));
        Assert.NotEqual(Shape(first).Select(l => l.Item7), Shape(other).Select(l => l.Item7));
    }

    [Fact]
    public void Logs_AnyRange_InTimeOrderAndAdjacentRangesAddUp()
    {
        var generator = Generator();
        var whole = generator.Logs(StartMs, StartMs + (20 * MinuteMs));
        var pieces = Enumerable.Range(0, 80).SelectMany(i => generator.Logs(StartMs + (i * 15_000), StartMs + ((i + 1) * 15_000)));

        Assert.All(whole.Zip(whole.Skip(1)), p => Assert.True(p.First.TimestampMs <= p.Second.TimestampMs));
        Assert.All(whole, l => Assert.InRange(l.TimestampMs, StartMs, StartMs + (20 * MinuteMs) - 1));
        Assert.Equal(Shape(whole), Shape(pieces));
    }

    [Fact]
    public void Logs_HealthyFleet_EverySourceSeveralLevelsAndTheExpectedLineFamilies()
    {
        var lines = Generator().Logs(StartMs, StartMs + (60 * MinuteMs));

        Assert.Equal([LogSource.Kernel, LogSource.Kubernetes, LogSource.Container], lines.Select(l => l.Source).Distinct().Order());
        Assert.Superset(new HashSet<LogSeverity> { LogSeverity.Info, LogSeverity.Warn, LogSeverity.Debug }, lines.Select(l => l.Level).ToHashSet());
        Assert.All(lines.Where(l => l.Source == LogSource.Kernel), l => Assert.Null(l.Pod));
        Assert.All(lines.Where(l => l.Source != LogSource.Kernel), l => Assert.Equal(l.Node, l.Pod!.Node));
        Assert.Contains(lines, l => l.Body.StartsWith("systemd[1]: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Body.Contains("kubelet[", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Source == LogSource.Kubernetes && l.Body.StartsWith("Normal Scheduled: Successfully assigned", StringComparison.Ordinal));
        // NCCL comes up once per rank: 2 jobs × 6 training nodes × 8 GPUs.
        Assert.Equal(48, lines.Count(l => l.Body.Contains("NCCL INFO comm ", StringComparison.Ordinal) && l.Body.EndsWith("Init COMPLETE", StringComparison.Ordinal)));
        // Rank 0 of each job reports progress every 30 s: about 120 lines per job in an hour.
        Assert.All(lines.Where(l => l.Body.StartsWith("[rank0] step ", StringComparison.Ordinal)).GroupBy(l => l.Pod!.TrainJob), g => Assert.InRange(g.Count(), 100, 121));
        // A healthy server answers nearly everything with 200.
        var codes = lines.Select(l => AccessRegex().Match(l.Body)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(codes.Count > 100, $"only {codes.Count} access lines");
        Assert.True(codes.Count(c => c == "200") >= 0.97 * codes.Count, string.Join(",", codes.Where(c => c != "200")));
    }

    [Fact]
    public void Logs_Rate_SetsTheBackgroundVolumeExactlyOverWholeMinutes()
    {
        // Well after start-up, every line but rank 0's progress and checkpoints is background.
        static int Background(FleetLogGenerator generator) => generator.Logs(StartMs + (10 * MinuteMs), StartMs + (70 * MinuteMs))
            .Count(l => !l.Body.StartsWith("[rank0] step ", StringComparison.Ordinal) && !l.Body.StartsWith("[rank0] checkpoint: ", StringComparison.Ordinal));

        Assert.Equal(12 * 60 * 8, Background(Generator(rate: 12)));
        Assert.Equal(30 * 60 * 8, Background(Generator(rate: 30)));
        Assert.Empty(Generator(rate: 0).Logs(StartMs, StartMs + (70 * MinuteMs)));
    }

    [Fact]
    public void Logs_ProgressLines_QuoteRankZerosMetrics()
    {
        var generator = Generator();
        var metrics = new FleetGenerator(new SeriesCatalog(Fleet.Build(new FleetSpec(8, 8, 2, 2, 7))), new SimulationTime(StartMs, 15_000));
        var steps = Array.FindIndex(metrics.Catalog.Series, s => s.Labels.MetricName == "train_steps_total" && s.Labels["train_job"] == "llm-pretrain-00" && s.Labels["rank"] == "0");

        var progress = generator.Logs(StartMs, StartMs + (30 * MinuteMs)).Where(l => l.Pod?.Name == "llm-pretrain-00-worker-0" && l.Body.StartsWith("[rank0] step ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Equal(
            metrics.ValueAt(steps, (l.TimestampMs - StartMs) / 15_000).ToString(CultureInfo.InvariantCulture),
            l.Body.Split(' ')[2]));
    }

    [Fact]
    public void Logs_ThermalThrottling_KernelLineOnTheGpusNodeOnlyWhileActive()
    {
        var run = new FaultRun("thermal-throttling");
        var generator = new FleetLogGenerator(run.Generator, run.Plan.Faults);
        var healthy = new FleetLogGenerator(run.Healthy);
        static bool IsThermal(SimulatedLog l) => l.Body.Contains("exceeded its slowdown temperature threshold", StringComparison.Ordinal);

        var node = run.Fleet.Gpus.Single(g => g.Id == run.Fault.Root).Node;
        var lines = generator.Logs(FaultRun.StartMs, FaultRun.EndMs);
        var thermal = lines.Where(IsThermal).ToList();

        Assert.NotEmpty(thermal);
        Assert.All(thermal, l =>
        {
            Assert.True(run.Fault.Window.Contains(l.TimestampMs), $"line at {l.TimestampMs} outside the fault");
            Assert.Equal(LogSource.Kernel, l.Source);
            Assert.Equal(LogSeverity.Warn, l.Level);
            Assert.Equal(node, l.Node);
        });
        Assert.Equal(Shape(run.Fault.Logs(FaultRun.StartMs, FaultRun.EndMs)), Shape(thermal));
        Assert.DoesNotContain(healthy.Logs(FaultRun.StartMs, FaultRun.EndMs), IsThermal);
        Assert.Equal(thermal.Count, new FleetLogGenerator(run.Generator, run.Plan.Faults, 0).Logs(FaultRun.StartMs, FaultRun.EndMs).Count);
    }

    [Fact]
    public void Logs_ThermalThrottling_ProgressLinesShowTheJobSlowingDown()
    {
        var run = new FaultRun("thermal-throttling");
        var job = run.Fleet.Ranks.Single(r => r.Gpu.Id == run.Fault.Root).Job;
        var faulty = new FleetLogGenerator(run.Generator, run.Plan.Faults);
        var healthy = new FleetLogGenerator(run.Healthy);

        double Throughput(FleetLogGenerator generator) => generator.Logs(FaultRun.StartMs + (50 * MinuteMs), FaultRun.StartMs + (70 * MinuteMs))
            .Where(l => l.Pod == job.Pods[0] && l.Body.StartsWith("[rank0] step ", StringComparison.Ordinal))
            .Average(l => double.Parse(TokensRegex().Match(l.Body).Groups[1].Value, CultureInfo.InvariantCulture));

        // The job runs at the throttled GPU's pace: 1.25–1.45× slower.
        Assert.InRange(Throughput(faulty) / Throughput(healthy), 1 / 1.5, 1 / 1.2);
    }

    [GeneratedRegex("\"POST [^\"]+\" ([0-9]{3}) ")]
    private static partial Regex AccessRegex();

    [GeneratedRegex(@"tokens/s ([0-9.]+)")]
    private static partial Regex TokensRegex();
}
