using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Produces every series' value at any step. Each value is a pure function of (seed, series, step): no state carries
/// from one step to the next, so steps can be generated in any order and ranges of series in parallel, and the same
/// seed always gives the same numbers. Counters have closed forms (see <see cref="DayWave"/>), so they never decrease.
/// </summary>
public sealed partial class FleetGenerator
{
    // Series generated per parallel work item: large enough that scheduling costs nothing next to the work.
    private const int ChunkSize = 16_384;

    private readonly SimulatedSeries[] _series;
    private readonly EntityProfiles _profiles;
    private readonly double[] _parameters;
    private readonly double[] _busyShares;
    private readonly int[] _conditioned;
    private readonly IFleetCondition[][] _conditions;

    public FleetGenerator(SeriesCatalog catalog, SimulationTime time, IReadOnlyList<IFleetCondition>? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (time.StepMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(time), "the step must be positive");
        }

        Catalog = catalog;
        Time = time;
        _series = catalog.Series;
        _profiles = new EntityProfiles(catalog.Fleet);
        (_parameters, _busyShares) = PrecomputeParameters(_series, _profiles);
        _routine = ClassifyRoutine(_series);
        (_conditioned, _conditions) = IndexConditions(_series, conditions ?? []);
    }

    public SeriesCatalog Catalog { get; }

    public SimulationTime Time { get; }

    /// <summary>Fills <paramref name="values"/> (one per catalog series) with step <paramref name="step"/>, using every core.</summary>
    public void Generate(long step, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _series.Length)
        {
            throw new ArgumentException($"expected {_series.Length} values, got {values.Length}", nameof(values));
        }

        var chunks = (values.Length + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, chunk =>
        {
            var first = chunk * ChunkSize;
            GenerateRange(step, first, values.AsSpan(first, Math.Min(ChunkSize, values.Length - first)));
        });
    }

    /// <summary>Fills <paramref name="values"/> with series <paramref name="first"/>… at <paramref name="step"/>.</summary>
    public void GenerateRange(long step, int first, Span<double> values)
    {
        var context = new StepContext(Time, step);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Healthy(first + i, in context);
        }

        if (_conditioned.Length > 0)
        {
            ApplyConditions(step, first, values);
        }
    }

    /// <summary>One series' value at one step (the slow path: for tests and spot checks).</summary>
    public double ValueAt(int series, long step)
    {
        Span<double> value = stackalloc double[1];
        GenerateRange(step, series, value);
        return value[0];
    }

    /// <summary>One series' value at one step as if no condition applied.</summary>
    public double HealthyValue(int series, long step) =>
        Healthy(series, new StepContext(Time, step));

    private void ApplyConditions(long step, int first, Span<double> values)
    {
        var start = Array.BinarySearch(_conditioned, first);
        for (var i = start < 0 ? ~start : start; i < _conditioned.Length && _conditioned[i] < first + values.Length; i++)
        {
            var index = _conditioned[i];
            var value = Conditioned(i, step, values[index - first]);
            // A series a condition made disappear gets the staleness marker at the first step it is missing.
            if (SimulatedValue.IsAbsent(value) && step > 0 && !SimulatedValue.IsAbsent(Conditioned(i, step - 1, HealthyValue(index, step - 1))))
            {
                value = Sample.StaleNaN;
            }

            values[index - first] = value;
        }
    }

    private double Conditioned(int conditioned, long step, double healthy)
    {
        var index = _conditioned[conditioned];
        var context = new ConditionContext(this, index, step);
        var value = healthy;
        foreach (var condition in _conditions[conditioned])
        {
            value = condition.Apply(in _series[index], in context, value);
        }

        return value;
    }

    private static (int[] Indices, IFleetCondition[][] Conditions) IndexConditions(SimulatedSeries[] series, IReadOnlyList<IFleetCondition> conditions)
    {
        var indices = new List<int>();
        var applying = new List<IFleetCondition[]>();
        if (conditions.Count == 0)
        {
            return ([], []);
        }

        for (var i = 0; i < series.Length; i++)
        {
            var matching = conditions.Where(c => c.Affects(in series[i])).ToArray();
            if (matching.Length > 0)
            {
                indices.Add(i);
                applying.Add(matching);
            }
        }

        return ([.. indices], [.. applying]);
    }

    /// <summary>What one step shares across series: its time, the simulation's start and the step length, in seconds.</summary>
    private readonly struct StepContext(SimulationTime time, long step)
    {
        public readonly long Step = step;
        public readonly double Seconds = time.Seconds(step);
        public readonly double StartSeconds = time.StartSeconds;
        public readonly double StepSeconds = time.StepSeconds;
    }
}
