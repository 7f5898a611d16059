using System.Threading.Channels;
using DeepSeek.Observe.Alerting.Notifications.Alerts;
using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Silences;
using DeepSeek.Observe.Core;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// Alertmanager's dispatcher inside the platform: keeps the alerts it is sent (deduplicated by fingerprint), routes
/// each into the aggregation groups of the routes it matches, and at each group's time decides what to notify —
/// minus silenced and inhibited alerts, minus what the notification log says was already sent — and hands the
/// notifications to the durable outbox. One lock guards the alerts, groups and log so they change together; the
/// outbox is called outside it.
/// </summary>
internal sealed partial class NotificationDispatcher : IAlertSink
{
    // How often resolved alerts and old log entries are swept; they cost memory, not correctness.
    private static readonly TimeSpan s_collectEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly NotificationConfig _config;
    private readonly DispatchRoute _root;
    private readonly SilenceStore _silences;
    private readonly INotificationOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly NotificationOptions _options;
    private readonly ILogger _logger;
    private readonly DispatchInstrumentation _instrumentation;
    private readonly AlertStore _store;
    private readonly NotificationLog _log;
    private readonly NotificationLogFile? _logFile;
    private readonly Dictionary<string, AggregationGroup> _groups = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset _nextCollect;

    public NotificationDispatcher(
        NotificationConfig config,
        SilenceStore silences,
        INotificationOutbox outbox,
        TimeProvider time,
        NotificationOptions options,
        ILogger<NotificationDispatcher> logger,
        DispatchInstrumentation instrumentation,
        NotificationLogFile? logFile = null)
    {
        _config = config;
        _root = new DispatchRoute(config.Route, parent: null);
        _silences = silences;
        _outbox = outbox;
        _time = time;
        _options = options;
        _logger = logger;
        _instrumentation = instrumentation;
        _store = new AlertStore(options.MaxAlerts);
        _log = new NotificationLog(options.NotificationLogRetention);
        _logFile = logFile;
        _log.Load(logFile?.Read() ?? []);
        _nextCollect = time.GetUtcNow() + s_collectEvery;
        DispatchLog.Configured(logger, config.Receivers.Count, config.InhibitRules.Count, options.NotificationConfigFile ?? "(none)");
    }

    public NotificationConfig Config => _config;

    /// <summary>From the rule evaluator: alerts are kept and grouped now; notifications go out from the dispatch loop.</summary>
    public ValueTask SendAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var result = Accept(alerts, "rules");
        if (!result.Accepted)
        {
            DispatchLog.AlertsRefused(_logger, alerts.Count, result.Error!);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps a batch of reports, all or none; <paramref name="source"/> labels the metrics.</summary>
    public AcceptResult Accept(IReadOnlyList<PostableAlert> alerts, string source)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var now = _time.GetUtcNow();
        var reports = alerts.Select(a => ToStored(a, now)).ToList();
        lock (_lock)
        {
            if (!_store.HasRoomFor(_store.CountNew(reports)))
            {
                _instrumentation.AlertsRefused.WithLabels(source, "full").Inc(reports.Count);
                return AcceptResult.Full(_options.MaxAlerts);
            }

            foreach (var report in reports)
            {
                var stored = _store.Put(report);
                foreach (var route in _root.Match(stored.Labels))
                {
                    var groupLabels = route.GroupLabels(stored.Labels);
                    var key = AggregationGroup.FormatKey(route, groupLabels);
                    if (!_groups.TryGetValue(key, out var group))
                    {
                        _groups[key] = group = new AggregationGroup(route, groupLabels, now);
                    }

                    group.Insert(stored, now);
                }
            }

            _instrumentation.Alerts.Set(_store.Count);
            _instrumentation.Groups.Set(_groups.Count);
        }

        _instrumentation.AlertsReceived.WithLabels(source).Inc(reports.Count);
        _wake.Writer.TryWrite(true);
        return AcceptResult.Ok;
    }

    /// <summary>Completes when alerts arrived since the last call (or the token is cancelled).</summary>
    public async Task WaitForAlertsAsync(CancellationToken cancellationToken)
    {
        await _wake.Reader.WaitToReadAsync(cancellationToken);
        _wake.Reader.TryRead(out _);
    }

    /// <summary>When the next group is due (or the next sweep), for the dispatch loop's timer.</summary>
    public DateTimeOffset NextDue()
    {
        lock (_lock)
        {
            var next = _nextCollect;
            foreach (var group in _groups.Values)
            {
                if (group.NextFlush < next)
                {
                    next = group.NextFlush;
                }
            }

            return next;
        }
    }

    private StoredAlert ToStored(PostableAlert alert, DateTimeOffset now)
    {
        var startsAt = alert.StartsAt == default ? now : alert.StartsAt;
        return alert.EndsAt is { } endsAt && endsAt != default
            ? new StoredAlert(alert.Labels, alert.Annotations, startsAt, endsAt, now, alert.GeneratorUrl, Timeout: false)
            : new StoredAlert(alert.Labels, alert.Annotations, startsAt, now + _config.ResolveTimeout, now, alert.GeneratorUrl, Timeout: true);
    }

    private IReadOnlyList<string> Receivers(LabelSet labels) =>
        [.. _root.Match(labels).Select(r => r.Config.Receiver).Distinct(StringComparer.Ordinal)];
}
