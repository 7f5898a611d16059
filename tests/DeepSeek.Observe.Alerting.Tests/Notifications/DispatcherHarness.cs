using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Dispatch;
using DeepSeek.Observe.Alerting.Notifications.Silences;
using DeepSeek.Observe.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Notifications;

/// <summary>A dispatcher on a fake clock with a recording outbox, built from configuration text.</summary>
internal sealed class DispatcherHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DispatcherHarness(string yaml, NotificationOptions? options = null, NotificationLogFile? logFile = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Options = options ?? new NotificationOptions();
        Config = NotificationConfig.Parse(yaml, "test.yml");
        Silences = new SilenceStore(null, Time, Options.MaxSilences, Options.SilenceRetention);
        Dispatcher = new NotificationDispatcher(
            Config, Silences, Outbox, Time, Options, NullLogger<NotificationDispatcher>.Instance, new DispatchInstrumentation(), logFile);
    }

    public FakeTimeProvider Time { get; }

    public RecordingOutbox Outbox { get; } = new();

    public NotificationOptions Options { get; }

    public NotificationConfig Config { get; }

    public SilenceStore Silences { get; }

    public NotificationDispatcher Dispatcher { get; }

    public static LabelSet Labels(params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)));

    /// <summary>A firing alert as the rule evaluator sends it, ending well ahead (tests re-send or resolve it explicitly).</summary>
    public PostableAlert Firing(LabelSet labels, DateTimeOffset? startsAt = null) =>
        new(labels, Labels(("summary", "s")), startsAt ?? Time.GetUtcNow(), Time.GetUtcNow() + TimeSpan.FromHours(1), "http://observe/graph");

    public PostableAlert Resolved(LabelSet labels, DateTimeOffset startsAt) =>
        new(labels, Labels(("summary", "s")), startsAt, Time.GetUtcNow(), "http://observe/graph");

    public async Task SendAsync(params PostableAlert[] alerts) => await Dispatcher.SendAsync(alerts, CancellationToken.None);

    /// <summary>Moves the clock and flushes what is due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Dispatcher.FlushDueAsync(CancellationToken.None);
    }
}
