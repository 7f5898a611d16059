using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>Gauges, special values, staleness, gaps and histograms.</summary>
internal sealed partial class CompatEdgeSeries
{
    private static readonly double[] s_bounds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, double.PositiveInfinity];

    private void AddStalenessAndGaps()
    {
        // Ends with a staleness marker at 1 h 00 m 15 s and comes back at 1 h 30 m: gone at once, not after 5 m.
        var stale = Add("compat_stale_gauge", "instance", "a");
        var steady = Add("compat_stale_gauge", "instance", "b");
        for (var step = 0; step < Steps; step++)
        {
            steady.Samples[At(step)] = 100 + (step % 9);
            if (step <= 240 || step >= 360)
            {
                stale.Samples[At(step)] = 50 + (step % 7);
            }
            else if (step == 241)
            {
                stale.Samples[At(step)] = Sample.StaleNaN;
            }
        }

        // Gaps of 10 m and 20 m with no marker: the series lingers for the 5 m lookback, then is absent.
        var gappy = Add("compat_gappy_gauge", "instance", "a");
        for (var step = 0; step < Steps; step++)
        {
            if (step is < 80 or (>= 120 and < 200) or >= 280)
            {
                gappy.Samples[At(step)] = 10 + (step % 5);
            }
        }
    }

    private void AddSpecialValues()
    {
        double[] mixed = [1, double.NaN, double.PositiveInfinity, -2.5, double.NegativeInfinity, 0, 3.5, double.NaN];
        var nan = Add("compat_special", "kind", "nan");
        var inf = Add("compat_special", "kind", "inf");
        var negInf = Add("compat_special", "kind", "neginf");
        var cycle = Add("compat_special", "kind", "mixed");
        var finite = Add("compat_special", "kind", "finite");
        for (var step = 0; step < Steps; step++)
        {
            nan.Samples[At(step)] = double.NaN;
            inf.Samples[At(step)] = double.PositiveInfinity;
            negInf.Samples[At(step)] = double.NegativeInfinity;
            cycle.Samples[At(step)] = mixed[step % mixed.Length];
            finite.Samples[At(step)] = step % 10;
        }
    }

    private void AddGauges()
    {
        // a: quarters between -10 and 10 (round's .5 ties, sgn's three cases); b: halves, mostly negative; c: near zero.
        var a = Add("compat_gauge", "instance", "a");
        var b = Add("compat_gauge", "instance", "b");
        var c = Add("compat_gauge", "instance", "c");
        var versions = new[] { Add("compat_version_code", "instance", "a"), Add("compat_version_code", "instance", "b"), Add("compat_version_code", "instance", "c"), Add("compat_version_code", "instance", "d") };
        for (var step = 0; step < Steps; step++)
        {
            a.Samples[At(step)] = Math.Round(10 * Math.Sin(step / 20.0) * 4) / 4;
            b.Samples[At(step)] = -3.5 + ((step % 8) * 0.5);
            c.Samples[At(step)] = ((step % 5) - 2) * 0.001;
            for (var v = 0; v < versions.Length; v++)
            {
                // Rolls from 1 to 3 over the two hours, instance by instance, so count_values' groups shift.
                versions[v].Samples[At(step)] = 1 + Math.Min(2, (step + (v * 60)) / 200);
            }
        }
    }

    private void AddHistograms()
    {
        Histogram("a", broken: false, withInf: true);
        Histogram("b", broken: false, withInf: true);
        Histogram("broken", broken: true, withInf: true);
        Histogram("noinf", broken: false, withInf: false);
    }

    /// <summary>
    /// A classic histogram: per step, observations spread over the buckets by a shifting pattern. <paramref name="broken"/>
    /// makes the 0.5 bucket count fewer than the 0.25 one (non-monotonic, as a scrape race can produce).
    /// </summary>
    private void Histogram(string instance, bool broken, bool withInf)
    {
        var buckets = s_bounds.Where(b => withInf || !double.IsPositiveInfinity(b))
            .Select(b => Add("compat_latency_seconds_bucket", "instance", instance, "le", Le(b))).ToArray();
        var sum = Add("compat_latency_seconds_sum", "instance", instance);
        var count = Add("compat_latency_seconds_count", "instance", instance);
        var perBucket = new double[s_bounds.Length];
        double total = 0;
        double seconds = 0;
        var shift = instance == "b" ? 2 : 0;
        for (var step = 0; step < Steps; step++)
        {
            // Observations landing in each bucket (not cumulative) this step: more in the middle, moving with time.
            for (var i = 0; i < s_bounds.Length; i++)
            {
                var added = 1 + (((step / 40) + i + shift) % 4) * (i is 2 or 3 ? 3 : 1);
                perBucket[i] += added;
                total += added;
                seconds += added * (double.IsPositiveInfinity(s_bounds[i]) ? 4 : s_bounds[i] * 0.7);
            }

            double cumulative = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                cumulative += perBucket[i];
                buckets[i].Samples[At(step)] = broken && i == 3 ? cumulative - perBucket[2] - perBucket[3] : cumulative;
            }

            sum.Samples[At(step)] = Math.Round(seconds, 3);
            count.Samples[At(step)] = total;
        }
    }
}
