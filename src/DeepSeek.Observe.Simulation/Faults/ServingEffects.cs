using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// Bends an inference pod's counters (requests by code, the latency histogram, its sum and count) through a sequence
/// of <see cref="ServingRegime"/>s without state: each counter is the sum, over the stretches of time up to the step,
/// of the stretch's share × its requests (the healthy request count's growth there × the regime's traffic). Shares
/// are cumulative in <c>le</c> within every stretch, so buckets stay cumulative; every term grows, so counters never
/// decrease; before the first regime the healthy value passes through unchanged.
/// </summary>
public static class ServingEffects
{
    /// <summary>The value of an inference counter of the pod <paramref name="series"/> belongs to, under <paramref name="regimes"/> (sorted, disjoint).</summary>
    public static double Counter(in SimulatedSeries series, in ConditionContext at, double value, IReadOnlyList<ServingRegime> regimes)
    {
        if (series.Kind is not (SignalKind.InferenceRequests or SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencySum or SignalKind.InferenceLatencyCount)
            || regimes.Count == 0 || at.TimestampMs < regimes[0].Window.StartMs)
        {
            return value;
        }

        var generator = at.Generator;
        var total = 0.0;
        var mark = default(ServedRequests);
        foreach (var regime in regimes)
        {
            if (at.TimestampMs < regime.Window.StartMs)
            {
                break;
            }

            var begin = Math.Min(at.Step, Math.Max(0, at.StepAt(regime.Window.StartMs)));
            var atBegin = generator.Served(series.Entity, begin);
            total += Counted(in series, generator, null, atBegin - mark);
            var inside = at.TimestampMs < regime.Window.EndMs;
            var end = inside ? at.Step : Math.Min(at.Step, Math.Max(begin, at.StepAt(regime.Window.EndMs - 1)));
            mark = generator.Served(series.Entity, end);
            total += regime.Traffic * Counted(in series, generator, regime, mark - atBegin);
            if (inside)
            {
                return Round(in series, in at, total);
            }
        }

        total += Counted(in series, generator, null, generator.Served(series.Entity, at.Step) - mark);
        return Round(in series, in at, total);
    }

    /// <summary>The regime active at <paramref name="timestampMs"/>, if any.</summary>
    public static ServingRegime? At(IReadOnlyList<ServingRegime> regimes, long timestampMs)
    {
        foreach (var regime in regimes)
        {
            if (regime.Window.Contains(timestampMs))
            {
                return regime;
            }
        }

        return null;
    }

    /// <summary>
    /// Regimes that build up over <paramref name="rampSeconds"/> in <paramref name="count"/> equal stretches (intensity
    /// 1/(count+1), 2/(count+1), …), then hold full intensity (1) to the window's end; <paramref name="at"/> makes the
    /// regime for a stretch and an intensity.
    /// </summary>
    public static IReadOnlyList<ServingRegime> Ramp(FaultWindow window, double rampSeconds, int count, Func<FaultWindow, double, ServingRegime> at)
    {
        var regimes = new List<ServingRegime>(count + 1);
        var stepMs = (long)(rampSeconds * 1000 / count);
        var start = window.StartMs;
        for (var i = 1; i <= count && start + stepMs < window.EndMs; i++, start += stepMs)
        {
            regimes.Add(at(new FaultWindow(start, start + stepMs), i / (double)(count + 1)));
        }

        regimes.Add(at(new FaultWindow(start, window.EndMs), 1));
        return regimes;
    }

    // What this series counts of the requests served (healthy, or under a regime before its traffic factor): quiet and
    // busy requests differ only in latency.
    private static double Counted(in SimulatedSeries series, FleetGenerator generator, ServingRegime? regime, ServedRequests served) =>
        series.Kind is SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencySum
            ? (Share(in series, generator, regime, busy: false) * served.Quiet) + (Share(in series, generator, regime, busy: true) * served.Busy)
            : Share(in series, generator, regime, busy: false) * served.Total;

    // The share of a request counted by this series: its code's, its bucket's, 1 for _count, the mean latency for _sum.
    private static double Share(in SimulatedSeries series, FleetGenerator generator, ServingRegime? regime, bool busy)
    {
        switch (series.Kind)
        {
            case SignalKind.InferenceRequests:
                if (regime is not { } r)
                {
                    return series.Parameter;
                }

                return series.Labels["code"] switch
                {
                    "429" => r.Shed,
                    "500" => r.Failed,
                    _ => 1 - r.Shed - r.Failed,
                };
            case SignalKind.InferenceLatencyBucket:
                if (regime is not { } shifted)
                {
                    return generator.LatencyShare(series.Entity, series.Parameter, busy, 1);
                }

                var served = ((1 - shifted.Runaway) * generator.LatencyShare(series.Entity, series.Parameter, busy, shifted.Latency))
                    + (shifted.Runaway * LatencyModel.RunawayShare(series.Parameter));
                return shifted.Shed + ((1 - shifted.Shed) * served);
            case SignalKind.InferenceLatencySum:
                if (regime is not { } slow)
                {
                    return generator.MeanLatency(series.Entity, busy, 1);
                }

                var mean = ((1 - slow.Runaway) * generator.MeanLatency(series.Entity, busy, slow.Latency)) + (slow.Runaway * LatencyModel.RunawayMean);
                return (slow.Shed * ServingRegime.ShedSeconds) + ((1 - slow.Shed) * mean);
            default:
                return 1;
        }
    }

    // The healthy fleet's harmless bursts of 429s (FleetGenerator.Routine.cs) stay on top of whatever the regimes make.
    private static double Round(in SimulatedSeries series, in ConditionContext at, double total)
    {
        var burst = series.Kind == SignalKind.InferenceRequests && series.Labels["code"] != "429" ? 0 : at.Generator.ShedBurst(series.Entity, at.Step);
        return series.Kind == SignalKind.InferenceLatencySum ? Math.Round(total + (ServingRegime.ShedSeconds * burst), 3) : Math.Floor(total) + Math.Floor(burst);
    }
}
