namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>The delivery side of the outbox: what is due, and recording each attempt's outcome.</summary>
internal sealed partial class DurableNotificationOutbox
{
    /// <summary>
    /// Pending records due at <paramref name="now"/>, oldest first, at most one per lane (group and webhook) and
    /// none whose lane has an older pending record: a group's notifications reach a receiver in order.
    /// </summary>
    public IReadOnlyList<OutboxRecord> TakeDue(DateTimeOffset now, int max)
    {
        var due = new List<OutboxRecord>();
        var lanesSeen = new HashSet<(string, Uri, string)>();
        lock (_index)
        {
            foreach (var record in _records.Values.Where(r => r.State == OutboxState.Pending).OrderBy(r => r.Sequence))
            {
                if (!lanesSeen.Add(record.Lane))
                {
                    continue;
                }

                if (record.NextAttemptAt <= now)
                {
                    due.Add(record);
                    if (due.Count == max)
                    {
                        break;
                    }
                }
            }
        }

        return due;
    }

    /// <summary>When the next <see cref="TakeDue"/> can return something (a lane's oldest record falls due); null: nothing pending.</summary>
    public DateTimeOffset? NextDueAt()
    {
        var lanesSeen = new HashSet<(string, Uri, string)>();
        DateTimeOffset? next = null;
        lock (_index)
        {
            foreach (var record in _records.Values.Where(r => r.State == OutboxState.Pending).OrderBy(r => r.Sequence))
            {
                if (lanesSeen.Add(record.Lane) && (next is null || record.NextAttemptAt < next))
                {
                    next = record.NextAttemptAt;
                }
            }
        }

        return next;
    }

    /// <summary>Waits until something new is enqueued or re-driven, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(wait.Token);

        // Task.Delay on the injected clock, so a fake clock in tests drives the schedule.
        var delay = timeout == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, wait.Token) : Task.Delay(timeout, _time, wait.Token);
        await Task.WhenAny(woken, delay);

        // A wait cancelled here takes no wake-up away from the next call.
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The receiver acknowledged: keep the key (not the body) to recognise a repeat.</summary>
    public async ValueTask MarkDeliveredAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var delivered = record with
        {
            State = OutboxState.Delivered,
            Body = [],
            Attempts = record.Attempts + 1,
            LastAttemptAt = now,
            LastError = null,
            CompletedAt = now,
        };
        await ChangeAsync(delivered, cancellationToken);
        _metrics.Delivered.Inc();
        PruneDelivered();
    }

    /// <summary>An attempt failed: schedule the next one on the backoff, or keep it as a dead letter after the last.</summary>
    public async ValueTask<OutboxRecord> MarkFailedAsync(OutboxRecord record, string error, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var attempts = record.Attempts + 1;
        var failed = attempts >= _options.MaxDeliveryAttempts
            ? record with { State = OutboxState.DeadLettered, Attempts = attempts, LastAttemptAt = now, LastError = error, CompletedAt = now }
            : record with
            {
                Attempts = attempts,
                LastAttemptAt = now,
                LastError = error,
                NextAttemptAt = now + DeliveryBackoff.Delay(attempts, _options.RetryInitialDelay, _options.RetryMaxDelay),
            };
        await ChangeAsync(failed, cancellationToken);
        if (failed.State == OutboxState.DeadLettered)
        {
            _metrics.DeadLettered.Inc();
        }

        return failed;
    }

    /// <summary>Puts a dead letter back in line with a fresh set of attempts; false when <paramref name="id"/> is no dead letter.</summary>
    public async ValueTask<OutboxRecord?> RetryDeadLetterAsync(string id, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        OutboxRecord retried;
        try
        {
            if (Find(id) is not { State: OutboxState.DeadLettered } record)
            {
                return null;
            }

            retried = record with { State = OutboxState.Pending, Attempts = 0, NextAttemptAt = _time.GetUtcNow(), CompletedAt = null };
            await _files.WriteAsync(retried, cancellationToken);
            Commit(retried);
        }
        finally
        {
            _writer.Release();
        }

        DeliveryLog.Redriven(_logger, retried.Id, retried.Receiver);
        Wake();
        return retried;
    }

    private async ValueTask ChangeAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await _files.WriteAsync(record, cancellationToken);
            Commit(record);
        }
        finally
        {
            _writer.Release();
        }
    }

    // Forgets the oldest delivered records past the bound; their keys then no longer count as repeats.
    private void PruneDelivered()
    {
        List<OutboxRecord> excess;
        lock (_index)
        {
            var delivered = _records.Values.Where(r => r.State == OutboxState.Delivered).ToList();
            if (delivered.Count <= _options.MaxRecentNotifications)
            {
                return;
            }

            excess = [.. delivered.OrderBy(r => r.CompletedAt).ThenBy(r => r.Sequence).Take(delivered.Count - _options.MaxRecentNotifications)];
            foreach (var record in excess)
            {
                _records.Remove(record.Id);
            }
        }

        foreach (var record in excess)
        {
            _files.Delete(record.Id);
        }
    }
}
