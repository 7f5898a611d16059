using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// Runs the dispatcher: flushes due groups, then sleeps until the next group is due or new alerts arrive (so a
/// group_wait of 0 notifies within milliseconds, not at the next tick).
/// </summary>
internal sealed class NotificationDispatchService(
    NotificationDispatcher dispatcher, TimeProvider time, ILogger<NotificationDispatchService> logger) : BackgroundService
{
    // An upper bound on each sleep, so a clock that jumps (suspend, NTP step) is noticed within a second.
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.FlushDueAsync(stoppingToken);
                var delay = dispatcher.NextDue() - time.GetUtcNow();
                delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > s_maxSleep ? s_maxSleep : delay;
                if (delay > TimeSpan.Zero)
                {
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var sleep = Task.Delay(delay, time, wake.Token);
                    await Task.WhenAny(sleep, dispatcher.WaitForAlertsAsync(wake.Token));
                    await wake.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                DispatchLog.LoopFailed(logger, ex);
                await Task.Delay(s_maxSleep, time, stoppingToken);
            }
        }
    }
}
