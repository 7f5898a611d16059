using System.Security.Cryptography;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

public class CompatDataSetTests
{
    [Fact]
    public void Timeline_SameStart_SameSamplesBitForBit()
    {
        Assert.Equal(Digest(new CompatDataSet()), Digest(new CompatDataSet()));
        Assert.NotEqual(Digest(new CompatDataSet()), Digest(new CompatDataSet(CompatDataSet.DefaultStartMs + CompatDataSet.StepMs)));
    }

    [Fact]
    public void Timeline_StrictlyAscendingAndWithinTheRangeGivenOrTakenTheJitter()
    {
        var set = new CompatDataSet();
        var times = set.Timeline().Select(s => s.TimestampMs).ToList();

        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.InRange(times[0], set.StartMs - 5000, set.StartMs);
        Assert.InRange(times[^1], set.EndMs, set.EndMs + 5000);
        Assert.Equal(set.EndMs - set.StartMs, (long)TimeSpan.FromHours(2).TotalMilliseconds);
    }

    [Fact]
    public void Series_FleetAndEdgeCases_HaveTheCornersTheSuiteNeeds()
    {
        var set = new CompatDataSet();
        var values = new Dictionary<int, List<double>>();
        foreach (var step in set.Timeline())
        {
            for (var i = 0; i < step.Series.Length; i++)
            {
                (values.TryGetValue(step.Series[i], out var list) ? list : values[step.Series[i]] = []).Add(step.Values[i]);
            }
        }

        List<double> Of(string name, string label, string value) =>
            values[Index(set, s => s.MetricName == name && s[label] == value)];

        Assert.Equal(32, set.Series.Count(s => s.MetricName == "DCGM_FI_DEV_GPU_TEMP"));
        Assert.Equal(4, set.Series.Where(s => s.MetricName == "DCGM_FI_DEV_GPU_TEMP").Select(s => s["Hostname"]).Distinct().Count());
        Assert.Contains(Of("compat_stale_gauge", "instance", "a"), v => BitConverter.DoubleToUInt64Bits(v) == Sample.StaleNaNBits);
        Assert.Contains(Of("compat_special", "kind", "mixed"), double.IsNaN);
        Assert.Contains(Of("compat_special", "kind", "mixed"), double.IsNegativeInfinity);
        Assert.All(Of("compat_special", "kind", "inf"), v => Assert.True(double.IsPositiveInfinity(v)));
        var counter = values[Index(set, s => s.MetricName == "compat_requests_total" && s["instance"] == "a" && s["method"] == "GET" && s["code"] == "200")];
        Assert.Contains(counter.Zip(counter.Skip(1)), p => p.Second < p.First);
        Assert.True(Of("compat_gappy_gauge", "instance", "a").Count < CompatDataSet.Steps - 100);
        var broken = set.Series.Select((s, i) => (s, i)).Where(p => p.s.MetricName == "compat_latency_seconds_bucket" && p.s["instance"] == "broken").ToDictionary(p => p.s["le"]!, p => values[p.i][^1]);
        Assert.True(broken["0.5"] < broken["0.25"], "the broken histogram's buckets must not be monotonic");
        Assert.DoesNotContain(set.Series, s => s.MetricName == "compat_latency_seconds_bucket" && s["instance"] == "noinf" && s["le"] == "+Inf");
    }

    private static int Index(CompatDataSet set, Func<LabelSet, bool> match) =>
        set.Series.Select((s, i) => (s, i)).Single(p => match(p.s)).i;

    private static string Digest(CompatDataSet set)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var step in set.Timeline())
        {
            hash.AppendData(BitConverter.GetBytes(step.TimestampMs));
            foreach (var (series, value) in step.Series.Zip(step.Values))
            {
                hash.AppendData(BitConverter.GetBytes(series));
                hash.AppendData(BitConverter.GetBytes(value));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
