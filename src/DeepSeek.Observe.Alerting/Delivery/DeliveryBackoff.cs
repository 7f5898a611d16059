namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Exponential backoff without jitter: after the n-th failure wait initial·2^(n−1), capped. No jitter because the
/// schedule is stored per notification and should read predictably to operators (1, 2, 4, 8, 16, 30, 30… s by
/// default); the dispatcher's grouping already spreads notifications over time.
/// </summary>
internal static class DeliveryBackoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var delay = initial;
        for (var i = 1; i < failures && delay < max; i++)
        {
            delay += delay;
        }

        return delay < max ? delay : max;
    }
}
