namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// A group's evaluation times: a fixed grid <c>first + k × interval</c> in whole milliseconds, as Prometheus evaluates
/// at scheduled timestamps rather than at whenever the timer fired. On the wall clock a timer fires a little early or
/// late; were those times used, <c>for: 5s</c> at a 1 s interval would see 4.999 s at the fifth evaluation and fire a
/// whole interval late. Evaluations that could not run in time are skipped (counted as missed), not queued.
/// </summary>
internal sealed class EvaluationSchedule
{
    private readonly long _intervalMs;
    private long _nextMs;

    public EvaluationSchedule(TimeSpan interval, DateTimeOffset first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _intervalMs = Math.Max(1, (long)interval.TotalMilliseconds);
        _nextMs = first.ToUnixTimeMilliseconds();
    }

    /// <summary>The time the next evaluation is for.</summary>
    public DateTimeOffset Next => DateTimeOffset.FromUnixTimeMilliseconds(_nextMs);

    /// <summary>
    /// Moves past an evaluation that has just run, given the clock now; returns how many grid points were missed
    /// because <paramref name="now"/> is already past them (the latest passed point is evaluated next, at once).
    /// A clock stepped back to more than an interval before the last evaluation re-anchors the grid at <paramref name="now"/>, so a backwards
    /// step does not stop evaluation until the clock catches up.
    /// </summary>
    public long Advance(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var next = _nextMs + _intervalMs;
        if (_nextMs - nowMs > _intervalMs)
        {
            _nextMs = nowMs;
            return 0;
        }

        var late = nowMs - next;
        var missed = late >= _intervalMs ? late / _intervalMs : 0;
        _nextMs = next + (missed * _intervalMs);
        return missed;
    }
}
