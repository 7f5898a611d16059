using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>
/// The fleet's log lines for any time range: a background of what a healthy fleet logs (journald on each node,
/// Kubernetes events about its pods, training and serving containers' own output) plus the lines of every active
/// <see cref="Fault"/>. Like the metrics, every line is a pure function of (seed, entity, time slot): a range can be
/// asked for alone, in any order, and adjacent ranges add up to the range that spans them. Where a line quotes a
/// figure (a training step's loss, a request's status code), it reads it from the same <see cref="FleetGenerator"/>
/// that makes the metrics, so logs and metrics tell the same story, faults included.
/// </summary>
public sealed partial class FleetLogGenerator
{
    /// <summary>Background lines per node per minute when none is given: a quiet, healthy node.</summary>
    public const double DefaultLinesPerNodePerMinute = 12;

    // Pods start during the first minutes of a run: their start-up lines are looked for only then.
    private const long StartupMs = 180_000;

    private readonly FleetGenerator _metrics;
    private readonly Fleet _fleet;
    private readonly SimulationTime _time;
    private readonly IReadOnlyList<Fault> _faults;
    private readonly ulong _seed;
    private readonly long _slotMs;
    private readonly EntityProfiles _profiles;
    private readonly FleetPod[][] _podsByNode;
    private readonly int[] _firstRank;
    private readonly RankZeroSeries[] _rankZero;
    private readonly Dictionary<int, ServingSeries> _serving;

    /// <param name="metrics">The run's generator (with its faults): the figures the lines quote come from it.</param>
    /// <param name="faults">The run's faults, whose lines are added while they are active.</param>
    /// <param name="linesPerNodePerMinute">Background volume; 0 leaves only the faults' lines.</param>
    public FleetLogGenerator(FleetGenerator metrics, IReadOnlyList<Fault>? faults = null, double linesPerNodePerMinute = DefaultLinesPerNodePerMinute)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (double.IsNaN(linesPerNodePerMinute) || linesPerNodePerMinute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(linesPerNodePerMinute), "the log rate must not be negative");
        }

        _metrics = metrics;
        _fleet = metrics.Catalog.Fleet;
        _time = metrics.Time;
        _faults = faults ?? [];
        _seed = _fleet.Spec.Seed;
        // One background line per node per slot, at a random moment inside it: the rate holds on average and exactly
        // over whole minutes, and no line depends on where a range starts.
        _slotMs = linesPerNodePerMinute == 0 ? 0 : Math.Max(1, (long)Math.Round(60_000 / linesPerNodePerMinute));
        LinesPerNodePerMinute = linesPerNodePerMinute;
        _profiles = new EntityProfiles(_fleet);
        _podsByNode = [.. _fleet.Nodes.Select(n => _fleet.Pods.Where(p => p.Node == n).ToArray())];
        (_rankZero, _serving) = IndexSeries(metrics.Catalog);
        // The job-wide rank of each training pod's first GPU (ranks run across a job's pods in node order).
        _firstRank = new int[_fleet.Pods.Count];
        foreach (var rank in _fleet.Ranks.Where(r => r.Gpu == r.Pod.Gpus[0]))
        {
            _firstRank[rank.Pod.Index] = rank.Rank;
        }
    }

    public double LinesPerNodePerMinute { get; }

    /// <summary>Every line stamped in [<paramref name="fromMs"/>, <paramref name="toMs"/>), in time order.</summary>
    public IReadOnlyList<SimulatedLog> Logs(long fromMs, long toMs)
    {
        if (toMs <= fromMs)
        {
            return [];
        }

        var lines = new List<SimulatedLog>();
        if (_slotMs > 0)
        {
            foreach (var node in _fleet.Nodes)
            {
                Background(node, fromMs, toMs, lines);
            }

            if (fromMs < _time.StartMs + StartupMs && toMs > _time.StartMs)
            {
                foreach (var pod in _fleet.Pods)
                {
                    Startup(pod, fromMs, toMs, lines);
                }
            }

            foreach (var job in _fleet.TrainingJobs)
            {
                TrainingProgress(job, fromMs, toMs, lines);
                Checkpoints(job, fromMs, toMs, lines);
            }
        }

        foreach (var fault in _faults)
        {
            lines.AddRange(fault.Logs(fromMs, toMs));
        }

        // A stable sort: lines of one instant keep the order they were made in, which is itself deterministic.
        return [.. lines.OrderBy(l => l.TimestampMs)];
    }

    private void Background(FleetNode node, long fromMs, long toMs, List<SimulatedLog> lines)
    {
        var key = StableHash.Combine(_seed, 0x10C5, (ulong)node.Index);
        for (var slot = fromMs / _slotMs; slot * _slotMs < toMs; slot++)
        {
            var draws = new LineDraws(StableHash.Combine(key, (ulong)slot));
            var timestampMs = (slot * _slotMs) + (long)(draws.Unit() * _slotMs);
            if (timestampMs >= fromMs && timestampMs < toMs)
            {
                lines.Add(BackgroundLine(node, timestampMs, ref draws));
            }
        }
    }

    // A node's own lines are a quarter of its output; the rest is about its pods, mostly what their containers print.
    private SimulatedLog BackgroundLine(FleetNode node, long timestampMs, ref LineDraws draws)
    {
        var pods = _podsByNode[node.Index];
        var pick = draws.Unit();
        // While the pods start, what they print is their start-up sequence; the node's journal carries the volume.
        if (pods.Length == 0 || pick < 0.25 || timestampMs < _time.StartMs + StartupMs)
        {
            return NodeLine(node, timestampMs, ref draws);
        }

        var pod = pods[draws.Int(0, pods.Length)];
        if (pick < 0.35)
        {
            return KubernetesLine(pod, timestampMs, ref draws);
        }

        return pod.TrainJob is not null ? TrainingLine(pod, timestampMs, ref draws) : ServingLine(pod, timestampMs, ref draws);
    }

    private void Startup(FleetPod pod, long fromMs, long toMs, List<SimulatedLog> lines)
    {
        var draws = new LineDraws(StableHash.Combine(_seed, 0x57A27, (ulong)pod.Index));
        var startedMs = KubernetesStartup(pod, ref draws, Add);
        if (pod.TrainJob is not null)
        {
            TrainingStartup(pod, startedMs, ref draws, Add);
        }
        else
        {
            ServingStartup(pod, startedMs, ref draws, Add);
        }

        void Add(SimulatedLog line)
        {
            if (line.TimestampMs >= fromMs && line.TimestampMs < toMs)
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>The last metrics step at or before <paramref name="timestampMs"/>, never before the first.</summary>
    private long StepAt(long timestampMs) => Math.Max(0, (long)Math.Floor((timestampMs - _time.StartMs) / (double)_time.StepMs));

    private static IEnumerable<long> Every(long firstMs, long everyMs, long fromMs, long toMs)
    {
        var t = firstMs >= fromMs ? firstMs : firstMs + ((fromMs - firstMs + everyMs - 1) / everyMs * everyMs);
        for (; t < toMs; t += everyMs)
        {
            yield return t;
        }
    }

    private static (RankZeroSeries[] RankZero, Dictionary<int, ServingSeries> Serving) IndexSeries(SeriesCatalog catalog)
    {
        var fleet = catalog.Fleet;
        var rankZero = new RankZeroSeries[fleet.TrainingJobs.Count];
        var serving = new Dictionary<int, ServingSeries>();
        var series = catalog.Series;
        for (var i = 0; i < series.Length; i++)
        {
            var kind = series[i].Kind;
            if (kind.IsRank() && fleet.Ranks[series[i].Entity] is { Rank: 0 } rank)
            {
                rankZero[rank.Job.Index] = rankZero[rank.Job.Index].With(kind, i);
            }
            else if (kind.IsInference())
            {
                var pod = series[i].Entity;
                serving[pod] = serving.GetValueOrDefault(pod).With(kind, series[i].Labels["code"], i);
            }
        }

        return (rankZero, serving);
    }
}
