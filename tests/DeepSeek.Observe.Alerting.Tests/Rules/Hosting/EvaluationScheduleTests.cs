using DeepSeek.Observe.Alerting.Rules.Hosting;

namespace DeepSeek.Observe.Alerting.Tests.Rules.Hosting;

public sealed class EvaluationScheduleTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    [Fact]
    public void TimesStayOnTheGridWhateverTheClockReadsBetweenEvaluations()
    {
        var schedule = new EvaluationSchedule(TimeSpan.FromSeconds(1), s_start.AddTicks(4_567));
        Assert.Equal(s_start, schedule.Next);

        // The clock read after each evaluation is a little after its time, or (a wall clock stepped by NTP) a little before.
        var times = new List<DateTimeOffset> { schedule.Next };
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, schedule.Advance(schedule.Next.AddMilliseconds(i % 2 == 0 ? 40 : -2)));
            times.Add(schedule.Next);
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(k => s_start.AddSeconds(k)), times);

        // So `for: 5s` at a 1 s interval holds exactly at the fifth evaluation after the one that made it pending.
        Assert.Equal(TimeSpan.FromSeconds(5), times[5] - times[0]);
    }

    [Fact]
    public void AnEvaluationThatRunsPastLaterTimesSkipsThem()
    {
        var schedule = new EvaluationSchedule(TimeSpan.FromSeconds(15), s_start);

        var missed = schedule.Advance(s_start.AddSeconds(47));

        // 15 s and 30 s have passed unevaluated; 45 s, also passed, runs at once.
        Assert.Equal(2, missed);
        Assert.Equal(s_start.AddSeconds(45), schedule.Next);
        Assert.Equal(0, schedule.Advance(s_start.AddSeconds(46)));
        Assert.Equal(s_start.AddSeconds(60), schedule.Next);
    }

    [Fact]
    public void AnEvaluationThatEndsWithinItsIntervalMissesNothing()
    {
        var schedule = new EvaluationSchedule(TimeSpan.FromSeconds(10), s_start);

        Assert.Equal(0, schedule.Advance(s_start.AddSeconds(19.999)));
        Assert.Equal(s_start.AddSeconds(10), schedule.Next);
    }

    [Fact]
    public void AClockSteppedBackReanchorsTheGrid()
    {
        var schedule = new EvaluationSchedule(TimeSpan.FromSeconds(10), s_start);
        var steppedBack = s_start.AddHours(-1);

        Assert.Equal(0, schedule.Advance(steppedBack));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(steppedBack.ToUnixTimeMilliseconds()), schedule.Next);
    }

    [Fact]
    public void ANonPositiveIntervalIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationSchedule(TimeSpan.Zero, s_start));
}
