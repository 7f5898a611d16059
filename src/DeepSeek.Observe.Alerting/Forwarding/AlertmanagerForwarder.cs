using System.Threading.Channels;
using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>
/// The sink that hands alerts to real Alertmanagers. <see cref="SendAsync"/> only puts them on a bounded queue, so
/// the rule evaluator never waits on the network; when the queue is full the oldest alert goes (the newest state of
/// an alert matters most, and a firing alert is re-sent at the next evaluation), counted and logged, as Prometheus's
/// notifier does. With no Alertmanager configured it accepts and discards.
/// </summary>
internal sealed class AlertmanagerForwarder : IAlertSink
{
    private readonly Channel<PostableAlert> _queue;
    private readonly ForwardingInstrumentation _metrics;
    private readonly ILogger<AlertmanagerForwarder> _logger;

    public AlertmanagerForwarder(IOptions<AlertmanagerForwardingOptions> options, ForwardingInstrumentation metrics, ILogger<AlertmanagerForwarder> logger)
    {
        _metrics = metrics;
        _logger = logger;
        IsEnabled = options.Value.AlertmanagerUrls.Count > 0;
        _queue = Channel.CreateBounded<PostableAlert>(
            new BoundedChannelOptions(options.Value.AlertmanagerQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => OnDropped());
    }

    public bool IsEnabled { get; }

    internal ChannelReader<PostableAlert> Reader => _queue.Reader;

    public ValueTask SendAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (IsEnabled)
        {
            foreach (var alert in alerts)
            {
                // Never false for a bounded DropOldest channel until completed at shutdown, when losing it is fine.
                _ = _queue.Writer.TryWrite(alert);
            }

            _metrics.QueueLength.Set(_queue.Reader.Count);
        }

        return ValueTask.CompletedTask;
    }

    private void OnDropped()
    {
        _metrics.Dropped.Inc();
        ForwardingLog.Dropped(_logger);
    }
}
