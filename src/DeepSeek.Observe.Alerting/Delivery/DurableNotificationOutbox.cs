using System.Security.Cryptography;
using System.Text;
using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// The durable outbox between the dispatcher and webhook delivery. <see cref="EnqueueAsync"/> returns once the
/// notification is fsynced; every later state change (attempt, backoff, delivered, dead letter) is written the same
/// way before it takes effect, so kill -9 at any point loses nothing and at worst repeats the attempt in flight
/// (at-least-once, under the same idempotency key). The in-memory index mirrors the directory and is rebuilt from it
/// at start-up; delivered records are kept, without their bodies, up to a bound, to recognise a repeated key.
/// </summary>
internal sealed partial class DurableNotificationOutbox : INotificationOutbox, IDisposable
{
    private readonly OutboxFiles _files;
    private readonly NotificationDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DurableNotificationOutbox> _logger;
    private readonly DeliveryInstrumentation _metrics;

    // Serializes every change (file write, then index update) so the index never runs ahead of the disk.
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<string, OutboxRecord> _records = new(StringComparer.Ordinal);
    private readonly object _index = new();
    private long _nextSequence;

    // Wakes the delivery loop when something becomes due now (a new or re-driven notification).
    private readonly SemaphoreSlim _wake = new(0, 1);

    public DurableNotificationOutbox(
        IOptions<NotificationDeliveryOptions> options, TimeProvider time, ILogger<DurableNotificationOutbox> logger, DeliveryInstrumentation metrics)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _files = new OutboxFiles(_options.OutboxDirectory ?? throw new InvalidOperationException("Alerting:OutboxDirectory is not set."));
        Load();
    }

    public string Directory => _files.Directory;

    /// <summary>The record id for an idempotency key: a hash, so any key makes a safe file name.</summary>
    public static string IdOf(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16));

    public async ValueTask EnqueueAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var id = IdOf(notification.IdempotencyKey);
        var body = WebhookPayload.Serialize(notification.Message);

        await _writer.WaitAsync(cancellationToken);
        try
        {
            int queued;
            lock (_index)
            {
                if (_records.ContainsKey(id))
                {
                    _metrics.Duplicates.Inc();
                    return;
                }

                queued = CountQueued();
            }

            if (queued >= _options.MaxQueuedNotifications)
            {
                _metrics.Rejected.Inc();
                DeliveryLog.Full(_logger, queued, notification.IdempotencyKey, notification.Receiver);
                throw new OutboxFullException(
                    $"The notification outbox holds {queued} undelivered notifications (Alerting:{nameof(NotificationDeliveryOptions.MaxQueuedNotifications)}); " +
                    "retry or remove dead letters, or raise the limit.");
            }

            var now = _time.GetUtcNow();
            var record = new OutboxRecord(
                id, _nextSequence, notification.IdempotencyKey, notification.Receiver, notification.Webhook.Url,
                notification.Message.GroupKey, notification.Message.Status, notification.Message.Alerts.Count,
                notification.CreatedAt, body, OutboxState.Pending, Attempts: 0, NextAttemptAt: now);
            await _files.WriteAsync(record, cancellationToken);
            Commit(record);
            _nextSequence++;
            _metrics.Enqueued.Inc();
        }
        finally
        {
            _writer.Release();
        }

        Wake();
    }

    /// <summary>A copy of the records, oldest first, optionally of one state.</summary>
    public IReadOnlyList<OutboxRecord> Snapshot(OutboxState? state = null)
    {
        lock (_index)
        {
            return [.. _records.Values.Where(r => state is null || r.State == state).OrderBy(r => r.Sequence)];
        }
    }

    public OutboxRecord? Find(string id)
    {
        lock (_index)
        {
            return _records.GetValueOrDefault(id);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _wake.Dispose();
    }

    private void Load()
    {
        _files.Prepare();
        var loaded = new List<OutboxRecord>();
        foreach (var path in _files.List())
        {
            if (OutboxFiles.TryRead(path) is { } record)
            {
                loaded.Add(record);
            }
            else
            {
                _metrics.CorruptFiles.Inc();
                DeliveryLog.Quarantined(_logger, path, _files.Quarantine(path));
            }
        }

        lock (_index)
        {
            foreach (var record in loaded)
            {
                _records[record.Id] = record;
            }
        }

        _nextSequence = loaded.Count == 0 ? 0 : loaded.Max(r => r.Sequence) + 1;
        PruneDelivered();
        UpdateGauges();
        int pending, deadLetters, delivered;
        lock (_index)
        {
            (pending, deadLetters, delivered) = (Count(OutboxState.Pending), Count(OutboxState.DeadLettered), Count(OutboxState.Delivered));
        }

        DeliveryLog.Opened(_logger, _files.Directory, pending, deadLetters, delivered);
    }

    private void Commit(OutboxRecord record)
    {
        lock (_index)
        {
            _records[record.Id] = record;
        }

        UpdateGauges();
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another caller woke the loop between the check and the release: one wake-up is enough.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing left to wake.
        }
    }

    private int CountQueued() => _records.Values.Count(r => r.State != OutboxState.Delivered);

    private int Count(OutboxState state) => _records.Values.Count(r => r.State == state);

    private void UpdateGauges()
    {
        lock (_index)
        {
            _metrics.Pending.Set(Count(OutboxState.Pending));
            _metrics.DeadLetters.Set(Count(OutboxState.DeadLettered));
        }
    }
}
