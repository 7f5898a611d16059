using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Engine;
using static DeepSeek.Observe.Query.Tests.Promql.Engine.MemorySeriesQuerier;

namespace DeepSeek.Observe.Query.Tests.Promql.Engine;

/// <summary>
/// A range query computes range functions series by series for all steps at once; an instant query computes one step.
/// Both must give the same value at every step, whatever the gaps, resets, staleness markers, offsets and @.
/// </summary>
public sealed class RangeMatchesInstantTests
{
    private static readonly MemorySeriesQuerier s_store = Build();

    public static TheoryData<string> Queries() =>
    [
        "rate(requests_total[1m])",
        "increase(requests_total[2m])",
        "irate(requests_total[1m])",
        "delta(temperature[3m])",
        "idelta(temperature[1m])",
        "resets(requests_total[5m])",
        "changes(temperature[5m])",
        "deriv(temperature[2m])",
        "avg_over_time(temperature[1m])",
        "sum_over_time(temperature[90s])",
        "min_over_time(temperature[2m])",
        "max_over_time(temperature[2m])",
        "count_over_time(temperature[1m])",
        "last_over_time(temperature[1m])",
        "present_over_time(temperature[1m])",
        "stddev_over_time(temperature[2m])",
        "stdvar_over_time(temperature[2m])",
        "rate(requests_total[1m] offset 2m)",
        "rate(requests_total[1m] @ 300)",
        "rate((requests_total[2m]))",
        "sum by (job) (rate(requests_total[1m]))",
        "avg without (instance) (max_over_time(temperature[2m]))",
        "count(rate(requests_total[1m]) > 0.1)",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public void RangeQuery_EveryStep_EqualsTheInstantQueryAtThatStep(string query)
    {
        var engine = new PromqlEngine(s_store, new EngineLimits());
        var expr = PromqlParser.Parse(query);
        const long start = 30_000, end = 900_000, step = 30_000;
        var range = engine.Range(expr, start, end, step, CancellationToken.None).Matrix;
        var checkedPoints = 0;
        for (var t = start; t <= end; t += step)
        {
            var instant = engine.Instant(expr, t, CancellationToken.None).Vector
                .ToDictionary(s => s.Labels, s => s.Value);
            var atStep = range
                .SelectMany(s => s.Points.Where(p => p.TimestampMs == t).Select(p => (s.Labels, p.Value)))
                .ToDictionary(x => x.Labels, x => x.Value);
            Assert.Equal(instant.Keys.Order(LabelSetComparer.Instance), atStep.Keys.Order(LabelSetComparer.Instance));
            foreach (var (labels, value) in instant)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(atStep[labels]));
                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > 0, "the query produced no values to compare");
    }

    private static MemorySeriesQuerier Build()
    {
        var store = new MemorySeriesQuerier();
        // A counter with a reset and a gap longer than the windows.
        var counter = Enumerable.Range(0, 61).Select(i => i < 20 ? 3.0 * i : i < 30 ? 2.0 * (i - 20) : 100.0 + i).ToArray();
        store.Add(Labels("__name__", "requests_total", "instance", "a", "job", "api"), 0, 15, counter[..25]);
        store.Add(Labels("__name__", "requests_total", "instance", "a", "job", "api"), 600, 15, counter[40..]);
        store.Add(Labels("__name__", "requests_total", "instance", "b", "job", "api"), 5, 10, Enumerable.Range(0, 90).Select(i => 0.5 * i).ToArray());
        // A gauge that ends with a staleness marker and comes back.
        var gauge = Labels("__name__", "temperature", "instance", "a", "job", "gpu");
        store.Add(gauge, 0, 20, Enumerable.Range(0, 20).Select(i => 60.0 + (i % 7)).ToArray());
        store.Add(gauge, 400, 1, Sample.StaleNaN);
        store.Add(gauge, 500, 20, Enumerable.Range(0, 20).Select(i => 70.0 - (i % 5)).ToArray());
        store.Add(Labels("__name__", "temperature", "instance", "b", "job", "gpu"), 7, 30, Enumerable.Range(0, 30).Select(i => 50.0 + (0.1 * i)).ToArray());
        return store;
    }
}
