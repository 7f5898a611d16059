using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// Mixed-precision training diverges (a bad batch, a learning-rate spike): fp16 gradients overflow at more and more
/// steps, the dynamic loss scaler halves the scale at every overflow until it reaches its floor of 1, and from then on
/// the loss and the gradient norm are NaN on every rank at once. Distinguishing evidence: the loss-scale collapse and
/// NaN on ALL ranks together while every GPU, NIC and pod stays healthy and steps keep counting — a numerical fault
/// of the job, not a hardware fault of one rank (no XID, ECC or NCCL errors).
/// </summary>
public sealed class LossNaN : Fault
{
    // Overflows come faster as the run diverges; one halving every 30 s takes 2^16 to 1 in eight minutes (faster in a
    // short fault, so that it still collapses half-way through).
    private const long LongestHalvingMs = 30_000;

    private readonly TrainingJob _job;
    private readonly double _initialScale;

    public LossNaN(Fleet fleet, TrainingJob job, FaultWindow window, ulong key)
        : base(fleet, FaultKind.LossNaN, job.Id, window, key)
    {
        _job = job;
        // The scale the healthy job had settled at: the collapse starts from it.
        _initialScale = new EntityProfiles(fleet).Jobs[job.Index].LossScale;
        HalvingMs = Math.Max(1, Math.Min(LongestHalvingMs, (window.EndMs - window.StartMs) / 2 / (long)Math.Log2(_initialScale)));
        Affected = [job.Id, .. job.Ranks.Select(r => r.Id), .. job.Pods.Select(p => p.Id)];
    }

    /// <summary>How often the scaler halves the scale on the way down.</summary>
    public long HalvingMs { get; }

    /// <summary>When the scale reaches 1 and the loss turns NaN.</summary>
    public long CollapsedMs => Math.Min(Window.EndMs - 1, Window.StartMs + (HalvingMs * (long)Math.Log2(_initialScale)));

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"{_job.Name}'s fp16 loss scale collapses from {_initialScale:0} to 1 through repeated gradient overflows, then loss and grad norm are NaN on every rank";

    public override bool Affects(in SimulatedSeries series) =>
        series.Kind is SignalKind.TrainLossScale or SignalKind.TrainLoss or SignalKind.TrainGradNorm && TrainingEffects.IsRankOf(in series, Fleet, _job);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (!Active(in at))
        {
            return value;
        }

        var collapsed = at.TimestampMs >= CollapsedMs;
        var elapsed = at.TimestampMs - Window.StartMs;
        var diverging = Math.Min(1, elapsed / (double)(CollapsedMs - Window.StartMs));
        return series.Kind switch
        {
            SignalKind.TrainLossScale => Scale(at.TimestampMs),
            SignalKind.TrainLoss or SignalKind.TrainGradNorm when collapsed => double.NaN,
            // On the way down the loss spikes and the clipped-before-overflow grad norm grows by orders of magnitude.
            SignalKind.TrainLoss => Math.Round(value * (1 + (0.6 * diverging * diverging)) + (0.2 * diverging * Math.Abs(Noise(in series, in at))), 5),
            SignalKind.TrainGradNorm => Math.Round(value * Math.Pow(10, 3 * diverging) * (1 + (0.3 * Math.Abs(Noise(in series, in at)))), 5),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        // Each pod's first rank prints the scaler's messages (apex/Megatron print them per process; one per node is plenty).
        var leaders = _job.Pods.Select(p => _job.Ranks.First(r => r.Pod == p)).ToList();
        foreach (var t in Every(Window.StartMs, HalvingMs, fromMs, toMs).Where(t => t < CollapsedMs))
        {
            foreach (var rank in leaders)
            {
                yield return TrainingLogs.Container(t, LogSeverity.Warn, rank.Pod, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{rank.Rank}]: Gradient overflow. Skipping step, loss scaler 0 reducing loss scale to {Scale(t):0.0}"));
            }
        }

        foreach (var t in Every(CollapsedMs, 60_000, fromMs, toMs))
        {
            foreach (var rank in leaders)
            {
                yield return TrainingLogs.Container(t, LogSeverity.Error, rank.Pod, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{rank.Rank}]: loss is NaN (lm loss: nan | grad norm: nan | loss scale: 1.0); minimum loss scale reached, skipping optimizer step"));
            }
        }
    }

    // Halved at every overflow, never below 1 (the scaler's min_loss_scale).
    private double Scale(long timestampMs) =>
        Math.Max(1, _initialScale / Math.Pow(2, 1 + ((timestampMs - Window.StartMs) / HalvingMs)));
}
