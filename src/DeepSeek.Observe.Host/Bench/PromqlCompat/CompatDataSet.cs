using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// The PromQL compatibility suite's one fixed data set, loaded alike into Prometheus and the platform: two hours at
/// 15 s of a simulated fleet (4 nodes × 8 GPUs, one training job, one inference deployment, a thermal-throttling and
/// an inference-overload fault) plus hand-made edge-case series (<see cref="CompatEdgeSeries"/>). Everything is a pure
/// function of the seed and <see cref="StartMs"/>: the same start gives the same samples, bit for bit.
/// </summary>
internal sealed class CompatDataSet
{
    /// <summary>Scrape interval of the fleet (Prometheus's common 15 s).</summary>
    public const long StepMs = 15_000;

    /// <summary>Fleet steps: two hours, enough for 1 h ranges, 30 m subqueries and offsets inside the data.</summary>
    public const int Steps = 481;

    /// <summary>Seed of the fleet and its faults.</summary>
    public const ulong Seed = 6;

    /// <summary>
    /// Default start, 2026-01-05T12:00:00Z: fixed so results can be reproduced across runs, midday so the simulated
    /// traffic is busy. Prometheus accepts an old range through remote_write as long as it arrives in time order; the
    /// platform needs a <c>--retention</c> that reaches back to it.
    /// </summary>
    public const long DefaultStartMs = 1_767_614_400_000;

    /// <summary>The suite's fleet: 4 nodes × 8 GPUs (three training, one serving), one training job, one deployment.</summary>
    public static FleetSpec DefaultFleet { get; } = new(4, 8, 1, 1, Seed);

    /// <summary>The faults injected: one on a GPU (temperatures, clocks, violation counters), one on a deployment (traffic, latency, 429s).</summary>
    public const string Scenario = "thermal-throttling,inference-overload";

    private readonly FleetGenerator _fleet;
    private readonly int _fleetCount;
    private readonly CompatEdgeSeries _edges;

    /// <summary>The suite's data set; <paramref name="fleet"/> swaps in a bigger fleet (benchmarks), the edge cases stay.</summary>
    public CompatDataSet(long startMs = DefaultStartMs, FleetSpec? fleet = null)
    {
        if (startMs % StepMs != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startMs), $"the start must be a multiple of {StepMs} ms");
        }

        StartMs = startMs;
        var built = Fleet.Build(fleet ?? DefaultFleet);
        var plan = FaultPlan.Create(Scenario, built, startMs, EndMs, Seed);
        _fleet = new FleetGenerator(new SeriesCatalog(built), new SimulationTime(startMs, StepMs), plan.Faults);
        _fleetCount = _fleet.Catalog.Count;
        _edges = new CompatEdgeSeries(startMs);
        Series = [.. _fleet.Catalog.Series.Select(s => s.Labels), .. _edges.Series.Select(s => s.Labels)];
    }

    /// <summary>Timestamp of the first fleet sample.</summary>
    public long StartMs { get; }

    /// <summary>Timestamp of the last fleet sample.</summary>
    public long EndMs => StartMs + ((Steps - 1) * StepMs);

    /// <summary>Every series: the fleet's in catalog order, then the edge cases.</summary>
    public IReadOnlyList<LabelSet> Series { get; }

    /// <summary>
    /// Every sample in time order, one entry per distinct timestamp with the series (indexes into <see cref="Series"/>)
    /// that have a sample then and their values (staleness markers included, absent series left out).
    /// </summary>
    public IEnumerable<CompatDataSetStep> Timeline()
    {
        var edgeTimes = _edges.Timestamps();
        var fleetValues = new double[_fleetCount];
        var edgeIndex = 0;
        for (var step = 0; step < Steps; step++)
        {
            var t = _fleet.Time.TimestampMs(step);
            while (edgeIndex < edgeTimes.Count && edgeTimes[edgeIndex] < t)
            {
                yield return EdgesAt(edgeTimes[edgeIndex++], null);
            }

            _fleet.Generate(step, fleetValues);
            var atSameTime = edgeIndex < edgeTimes.Count && edgeTimes[edgeIndex] == t;
            edgeIndex += atSameTime ? 1 : 0;
            yield return EdgesAt(t, fleetValues);
        }

        while (edgeIndex < edgeTimes.Count)
        {
            yield return EdgesAt(edgeTimes[edgeIndex++], null);
        }
    }

    /// <summary>Number of samples <see cref="Timeline"/> holds (for reports).</summary>
    public long SampleCount() => Timeline().Sum(s => (long)s.Series.Length);

    private CompatDataSetStep EdgesAt(long timestampMs, double[]? fleetValues)
    {
        var series = new List<int>();
        var values = new List<double>();
        if (fleetValues is not null)
        {
            for (var i = 0; i < fleetValues.Length; i++)
            {
                if (!SimulatedValue.IsAbsent(fleetValues[i]))
                {
                    series.Add(i);
                    values.Add(fleetValues[i]);
                }
            }
        }

        for (var e = 0; e < _edges.Series.Count; e++)
        {
            if (_edges.Series[e].Samples.TryGetValue(timestampMs, out var value))
            {
                series.Add(_fleetCount + e);
                values.Add(value);
            }
        }

        return new CompatDataSetStep(timestampMs, [.. series], [.. values]);
    }
}
