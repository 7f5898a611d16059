using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// Hand-made series for the corners of PromQL the fleet never reaches (all <c>job="compat"</c>, names <c>compat_*</c>):
/// counter resets and irregular scrapes, a series ended by a staleness marker that comes back, gaps longer than the
/// 5 m lookback, NaN and ±Inf, classic histograms (a well-formed one, one with non-monotonic buckets, one without
/// <c>+Inf</c>), info metrics and per-mode counters for <c>group_left</c>, label fodder for <c>label_replace</c>, and
/// two counters that collide once their names are dropped. Values come from closed forms, no randomness.
/// </summary>
internal sealed partial class CompatEdgeSeries
{
    private const long StepMs = CompatDataSet.StepMs;
    private const int Steps = CompatDataSet.Steps;
    private readonly long _startMs;
    private readonly List<CompatSeries> _series = [];

    public CompatEdgeSeries(long startMs)
    {
        _startMs = startMs;
        AddCounters();
        AddStalenessAndGaps();
        AddSpecialValues();
        AddHistograms();
        AddJoins();
        AddGauges();
    }

    public IReadOnlyList<CompatSeries> Series => _series;

    /// <summary>Every distinct timestamp of any edge series, ascending.</summary>
    public IReadOnlyList<long> Timestamps() =>
        [.. _series.SelectMany(s => s.Samples.Keys).Distinct().Order()];

    private long At(int step) => _startMs + (step * StepMs);

    private CompatSeries Add(string name, params string[] labels)
    {
        var pairs = new List<KeyValuePair<string, string>> { new(LabelNames.MetricName, name), new("job", "compat") };
        for (var i = 0; i < labels.Length; i += 2)
        {
            pairs.Add(new(labels[i], labels[i + 1]));
        }

        var series = new CompatSeries(LabelSet.Create(pairs), []);
        _series.Add(series);
        return series;
    }

    /// <summary>A counter on the 15 s grid whose increments cycle through small integers; resets to 0 at the given steps.</summary>
    private void Counter(CompatSeries series, int seed, int scale, params int[] resets)
    {
        double value = seed * 10;
        for (var step = 0; step < Steps; step++)
        {
            value = Array.IndexOf(resets, step) >= 0 ? (step % 3) : value + (scale * (1 + ((step * 7) + seed) % 5));
            series.Samples[At(step)] = value;
        }
    }

    private void AddCounters()
    {
        var seed = 1;
        foreach (var instance in new[] { "a", "b" })
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                foreach (var code in new[] { "200", "500" })
                {
                    // Instance a's busiest series resets twice (a restart), the other a once; b never does.
                    int[] resets = instance == "b" ? [] : method == "GET" && code == "200" ? [150, 330] : [240];
                    Counter(Add("compat_requests_total", "instance", instance, "method", method, "code", code), seed++, code == "200" ? 10 : 1, resets);
                }
            }
        }

        // Scraped with jitter: 15 s ± up to 5 s, so rate's extrapolation sees uneven first and last intervals.
        var jitter = Add("compat_jitter_total", "instance", "jitter");
        double total = 0;
        for (var step = 0; step < Steps; step++)
        {
            total += 3 + (step % 4);
            jitter.Samples[At(step) + (((step * 37) % 11) - 5) * 1000] = total;
        }

        Counter(Add("compat_dup_a_total", "x", "1"), 2, 1);
        Counter(Add("compat_dup_b_total", "x", "1"), 3, 2);
    }

    private void AddJoins()
    {
        var seed = 20;
        foreach (var instance in new[] { "a", "b" })
        {
            foreach (var mode in new[] { "idle", "user", "system" })
            {
                Counter(Add("compat_cpu_seconds_total", "instance", instance, "mode", mode), seed++, mode == "idle" ? 12 : 3);
            }
        }

        // One info series per instance (c has no CPU series); always 1, as info metrics are.
        foreach (var (instance, machine, region) in new[] { ("a", "m1", "eu"), ("b", "m2", "us"), ("c", "m3", "us") })
        {
            var info = Add("compat_machine_info", "instance", instance, "machine", machine, "region", region);
            for (var step = 0; step < Steps; step++)
            {
                info.Samples[At(step)] = 1;
            }
        }

        // Same labels but for one (src/path), for label_replace and label_join.
        var labels = Add("compat_labels", "src", "host-01.example:9100", "path", "/api/v1/query", "env", "prod");
        var other = Add("compat_labels", "src", "host-02.example:9100", "path", "/metrics", "env", "dev");
        for (var step = 0; step < Steps; step++)
        {
            labels.Samples[At(step)] = 1;
            other.Samples[At(step)] = 2;
        }
    }

    private static string Le(double bound) => double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
}
