using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// The faults of one run, from a scenario: <c>none</c>, <c>random</c> (one kind drawn from the seed), a kind's name
/// (<c>gpu-fell-off-bus</c>) or several names separated by commas. The run's span is split into equal slots, one per
/// fault, and each fault is active in the middle third of its slot: healthy before and after, for baselines.
/// </summary>
public sealed class FaultPlan
{
    public const string None = "none";
    public const string Random = "random";

    private FaultPlan(IReadOnlyList<Fault> faults) => Faults = faults;

    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>Builds a scenario's faults between <paramref name="startMs"/> and <paramref name="endMs"/>; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public static FaultPlan Create(string scenario, Fleet fleet, long startMs, long endMs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(fleet);
        var kinds = Kinds(scenario.Trim(), fleet, seed);
        var faults = new List<Fault>(kinds.Count);
        var slot = (endMs - startMs) / Math.Max(1, kinds.Count);
        for (var i = 0; i < kinds.Count; i++)
        {
            var slotStart = startMs + (i * slot);
            var window = new FaultWindow(slotStart + (slot / 3), slotStart + (2 * slot / 3));
            if (window.EndMs <= window.StartMs)
            {
                throw new ArgumentException($"the run is too short to fit {kinds.Count} fault(s)", nameof(endMs));
            }

            faults.Add(FaultLibrary.Create(kinds[i], fleet, window, StableHash.Combine(seed, 0xFA017, (ulong)i)));
        }

        return new FaultPlan(faults);
    }

    /// <summary>A plan with the given faults (the demo's schedule, tests).</summary>
    public static FaultPlan Of(IReadOnlyList<Fault> faults) => new(faults);

    public GroundTruth ToGroundTruth(ulong seed, long startMs, long endMs) => new(
        seed, DateTimeOffset.FromUnixTimeMilliseconds(startMs), DateTimeOffset.FromUnixTimeMilliseconds(endMs), [.. Faults.Select(f => f.ToGroundTruth())]);

    /// <summary>The scenario names the CLI accepts, for help and error messages.</summary>
    public static string Names => $"{None}, {Random}, " + string.Join(", ", FaultLibrary.Kinds.Select(FaultLibrary.Name));

    private static List<FaultKind> Kinds(string scenario, Fleet fleet, ulong seed)
    {
        if (scenario.Length == 0 || scenario.Equals(None, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (scenario.Equals(Random, StringComparison.OrdinalIgnoreCase))
        {
            var fitting = FaultLibrary.Kinds.Where(k => FaultLibrary.Fits(k, fleet)).ToList();
            return fitting.Count == 0 ? throw new ArgumentException("no fault kind fits this fleet", nameof(scenario)) : [fitting[(int)(StableHash.Combine(seed, 0x2A4D) % (ulong)fitting.Count)]];
        }

        var kinds = new List<FaultKind>();
        foreach (var name in scenario.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!FaultLibrary.TryParse(name, out var kind) || !FaultLibrary.Kinds.Contains(kind))
            {
                throw new ArgumentException($"unknown scenario '{name}'; choose from: {Names}", nameof(scenario));
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}
