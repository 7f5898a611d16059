using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Drains the outbox: sends what is due (bounded concurrency), records each outcome durably, and sleeps on the
/// injected clock until the next record falls due or a new one arrives. It keeps no state of its own, so a restart
/// simply resumes the stored schedule.
/// </summary>
internal sealed class WebhookDeliveryWorker(
    DurableNotificationOutbox outbox,
    WebhookSender sender,
    WebhookSigner signer,
    IOptions<NotificationDeliveryOptions> options,
    TimeProvider time,
    DeliveryInstrumentation metrics,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan s_pauseAfterError = TimeSpan.FromSeconds(1);

    /// <summary>One pass: attempts every record due now; returns how many it attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = outbox.TakeDue(time.GetUtcNow(), int.MaxValue);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.DeliveryConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, DeliverAsync);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!signer.IsEnabled)
        {
            DeliveryLog.Unsigned(logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                var wait = outbox.NextDueAt() is { } next ? next - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                {
                    await outbox.WaitForWorkAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // E.g. the disk refused a state change: the record is unchanged on disk and in memory, so try again
                // rather than stop delivering (an unhandled exception here would stop the whole host).
                DeliveryLog.LoopFailed(logger, ex);
                await Task.Delay(s_pauseAfterError, time, stoppingToken);
            }
        }
    }

    private async ValueTask DeliverAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var error = await sender.SendAsync(record, cancellationToken);
        metrics.AttemptDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (error is null)
        {
            metrics.Attempts.WithLabels("success").Inc();
            await outbox.MarkDeliveredAsync(record, cancellationToken);
            return;
        }

        metrics.Attempts.WithLabels("failure").Inc();
        var failed = await outbox.MarkFailedAsync(record, error, cancellationToken);
        if (failed.State == OutboxState.DeadLettered)
        {
            DeliveryLog.DeadLettered(logger, failed.Id, failed.Receiver, failed.Attempts, error);
        }
        else
        {
            DeliveryLog.AttemptFailed(logger, failed.Id, failed.Receiver, failed.Attempts, options.Value.MaxDeliveryAttempts, error, failed.NextAttemptAt);
        }
    }
}
