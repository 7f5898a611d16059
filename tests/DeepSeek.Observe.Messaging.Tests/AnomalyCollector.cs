using System.Collections.Concurrent;
using DeepSeek.Observe.Core;
using MassTransit;

namespace DeepSeek.Observe.Messaging.Tests;

/// <summary>
/// Consumes anomalies and hands each to whoever waits for its detector name. Tests running at the same time publish
/// to the same exchange, so each waits for its own uniquely named detector rather than for "the next message".
/// </summary>
public sealed class AnomalyCollector : IConsumer<Anomaly>
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<Anomaly>> s_waiting = new();

    public static Task<Anomaly> WaitFor(string detector) =>
        s_waiting.GetOrAdd(detector, _ => new TaskCompletionSource<Anomaly>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task Consume(ConsumeContext<Anomaly> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        s_waiting.GetOrAdd(context.Message.Detector, _ => new TaskCompletionSource<Anomaly>(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(context.Message);
        return Task.CompletedTask;
    }
}
