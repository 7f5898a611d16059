using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeepSeek.Observe.Alerting.Notifications.Alerts;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

internal sealed partial class NotificationDispatcher
{
    /// <summary>
    /// Flushes every group whose time has come: decides under the lock, hands the notifications to the outbox
    /// outside it, then records what was sent. A notification the outbox refused is not recorded, so the group's
    /// next flush decides again.
    /// </summary>
    public async Task FlushDueAsync(CancellationToken cancellationToken)
    {
        var plans = Plan();
        foreach (var plan in plans)
        {
            var allQueued = true;
            foreach (var send in plan.Sends)
            {
                if (send.Notification is not null)
                {
                    try
                    {
                        await _outbox.EnqueueAsync(send.Notification, cancellationToken);
                        _instrumentation.Notifications.WithLabels(send.Notification.Receiver).Inc();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        DispatchLog.EnqueueFailed(_logger, plan.Group.Key, send.Notification.Receiver, ex);
                        _instrumentation.EnqueueFailures.WithLabels(send.Notification.Receiver).Inc();
                        allQueued = false;
                        continue;
                    }
                }

                send.Queued = true;
            }

            Commit(plan, allQueued);
        }
    }

    private List<FlushPlan> Plan()
    {
        var now = _time.GetUtcNow();
        var plans = new List<FlushPlan>();
        lock (_lock)
        {
            Collect(now);
            Inhibitor? inhibitor = null;
            foreach (var group in _groups.Values)
            {
                if (group.NextFlush > now)
                {
                    continue;
                }

                inhibitor ??= new Inhibitor(_config.InhibitRules, _store.All, now);
                plans.Add(PlanGroup(group, inhibitor, now));
                group.Flushed(now);
            }
        }

        return plans;
    }

    private FlushPlan PlanGroup(AggregationGroup group, Inhibitor inhibitor, DateTimeOffset now)
    {
        var alerts = group.Alerts.ToList();
        var unmuted = alerts.Where(a => inhibitor.InhibitedBy(a.Labels) is null && _silences.Muting(a.Labels, now).Count == 0).ToList();
        if (unmuted.Count == 0)
        {
            // Alertmanager's pipeline stops when silences and inhibitions leave no alert, before the notification log:
            // the receiver's last view stands, so a silence that ends re-notifies at repeat_interval, not at once.
            return new FlushPlan(group, [], [.. alerts.Where(a => a.IsResolved(now))]);
        }

        var firing = unmuted.Where(a => !a.IsResolved(now)).Select(a => a.Fingerprint).ToHashSet();
        var resolved = unmuted.Where(a => a.IsResolved(now)).Select(a => a.Fingerprint).ToHashSet();
        var receiver = _config.Receivers[group.Route.Config.Receiver];
        var sends = new List<PlannedSend>();
        for (var index = 0; index < receiver.Webhooks.Count; index++)
        {
            var webhook = receiver.Webhooks[index];
            var entry = _log.Get(group.Key, receiver.Name, index);
            if (!NotificationLog.NeedsUpdate(entry, firing, resolved, webhook.SendResolved, group.Route.Config.RepeatInterval, now))
            {
                continue;
            }

            // Without send_resolved the receiver only hears of firing alerts; an all-resolved group still updates the
            // log (so a later firing is news) but sends nothing.
            var toSend = webhook.SendResolved ? unmuted : unmuted.Where(a => !a.IsResolved(now)).ToList();
            Notification? notification = null;
            if (toSend.Count > 0)
            {
                var message = WebhookMessageBuilder.Build(
                    receiver.Name, group.Key, group.GroupLabels, toSend, webhook.MaxAlerts, _options.ExternalUrl, now);
                notification = new Notification(
                    IdempotencyKey(group.Key, receiver.Name, index, firing, resolved, entry), receiver.Name, webhook, message, now);
            }

            sends.Add(new PlannedSend(index, receiver.Name, notification, new NotificationLogEntry(firing, resolved, now)));
        }

        return new FlushPlan(group, sends, [.. alerts.Where(a => a.IsResolved(now))]);
    }

    private void Commit(FlushPlan plan, bool allQueued)
    {
        lock (_lock)
        {
            var logged = false;
            foreach (var send in plan.Sends.Where(s => s.Queued))
            {
                _log.Set(plan.Group.Key, send.Receiver, send.Webhook, send.Entry);
                logged = true;
            }

            if (logged)
            {
                PersistLog();
            }

            if (allQueued)
            {
                plan.Group.RemoveIfUnchanged(plan.Resolved);
                if (plan.Group.IsEmpty && _groups.TryGetValue(plan.Group.Key, out var current) && ReferenceEquals(current, plan.Group))
                {
                    _groups.Remove(plan.Group.Key);
                }
            }

            _instrumentation.Groups.Set(_groups.Count);
        }
    }

    private void PersistLog()
    {
        try
        {
            _logFile?.Write(_log.Records());
        }
        catch (IOException ex)
        {
            // The notifications are queued already; an unsaved log only risks a repeat after a restart.
            DispatchLog.LogNotSaved(_logger, _logFile!.Path, ex);
        }
    }

    private void Collect(DateTimeOffset now)
    {
        if (now < _nextCollect)
        {
            return;
        }

        _nextCollect = now + s_collectEvery;
        _store.RemoveResolvedBefore(now - _options.ResolvedRetention);
        _log.Collect(now);
        _instrumentation.Alerts.Set(_store.Count);
    }

    /// <summary>
    /// The same decision gets the same key: the group, receiver, webhook, the alert sets, and the time of the entry
    /// it follows (so a repeat after repeat_interval is a new notification, but a decision re-made after a crash is not).
    /// </summary>
    private static string IdempotencyKey(
        string groupKey, string receiver, int webhook, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, NotificationLogEntry? previous)
    {
        var text = new StringBuilder()
            .Append(groupKey).Append('\n').Append(receiver).Append('\n').Append(webhook.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var fingerprint in firing.Order())
        {
            text.Append(StoredAlert.FormatFingerprint(fingerprint)).Append(',');
        }

        text.Append('\n');
        foreach (var fingerprint in resolved.Order())
        {
            text.Append(StoredAlert.FormatFingerprint(fingerprint)).Append(',');
        }

        text.Append('\n').Append(previous?.Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    private sealed record FlushPlan(AggregationGroup Group, List<PlannedSend> Sends, List<StoredAlert> Resolved);

    private sealed record PlannedSend(int Webhook, string Receiver, Notification? Notification, NotificationLogEntry Entry)
    {
        public bool Queued { get; set; }
    }
}
