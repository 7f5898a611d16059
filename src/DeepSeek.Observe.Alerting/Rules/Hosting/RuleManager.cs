using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// Runs the configured rule groups, each on its own interval, and hands their alerts to every
/// <see cref="IAlertSink"/> (as Prometheus's rule manager sends to every Alertmanager). Reload swaps in newly read
/// files only when all of them load, carrying over the alerts of rules that stayed the same.
/// </summary>
internal sealed partial class RuleManager(
    IOptions<RuleEvaluationOptions> options,
    IPromqlEvaluator promql,
    ISampleAppender appender,
    ISeriesQuerier querier,
    IEnumerable<IAlertSink> sinks,
    TimeProvider time,
    RuleInstrumentation instrumentation,
    ILogger<RuleManager> logger) : IHostedService, IAsyncDisposable
{
    private readonly IAlertSink[] _sinks = [.. sinks];
    private readonly RuleInstrumentation _instrumentation = instrumentation;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Generation? _current;
    private CancellationTokenSource? _stopping;
    private int _disposed;

    /// <summary>The groups being evaluated now, in file order.</summary>
    public IReadOnlyList<RuleGroupEvaluator> Groups => _current?.Groups ?? [];

    public RuleEvaluationSettings Settings { get; } = new(
        options.Value.EvaluationInterval,
        LabelSet.Create(options.Value.ExternalLabels),
        options.Value.ExternalUrl ?? string.Empty,
        options.Value.ResendDelay);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var result = new RuleFileLoader(promql).Load(options.Value.RuleFiles);
        if (!result.Succeeded)
        {
            throw new RuleFileException(result.Errors);
        }

        _stopping = new CancellationTokenSource();
        var groups = result.Groups.Select(g => new RuleGroupEvaluator(g, Settings)).ToList();

        // Only at start-up: alerts that were pending or firing before the restart get their active-at time back.
        groups.ForEach(g => g.PrepareRestore());
        _current = Start(groups, restore: true);
        LogLoaded(groups);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            await _stopping.CancelAsync();
        }

        if (Interlocked.Exchange(ref _current, null) is { } current)
        {
            await current.StopAsync();
        }
    }

    /// <summary>Re-reads the rule files; on any error the running rules stay and the errors are returned.</summary>
    public async Task<IReadOnlyList<string>> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var result = new RuleFileLoader(promql).Load(options.Value.RuleFiles);
            if (!result.Succeeded)
            {
                RuleManagerLog.ReloadFailed(logger, string.Join("; ", result.Errors));
                return result.Errors;
            }

            var previous = _current;
            if (previous is not null)
            {
                await previous.StopAsync();
            }

            var byKey = (previous?.Groups ?? []).ToDictionary(g => g.Key);
            var groups = new List<RuleGroupEvaluator>();
            foreach (var definition in result.Groups)
            {
                var group = new RuleGroupEvaluator(definition, Settings);
                if (byKey.TryGetValue(group.Key, out var old))
                {
                    group.CopyStateFrom(old);
                }

                groups.Add(group);
            }

            _current = Start(groups, restore: false);
            LogLoaded(groups);
            return [];
        }
        finally
        {
            _reload.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container tracks this instance twice (as itself and as the hosted service), so disposal repeats.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
        _reload.Dispose();
    }

    private void LogLoaded(List<RuleGroupEvaluator> groups)
    {
        var rules = CountRules(groups);
        var files = CountFiles(groups);
        RuleManagerLog.Loaded(logger, groups.Count, rules, files);
    }

    private static int CountRules(List<RuleGroupEvaluator> groups) => groups.Sum(g => g.Rules.Count);

    private static int CountFiles(List<RuleGroupEvaluator> groups) => groups.Select(g => g.Definition.File).Distinct().Count();

    private Generation Start(List<RuleGroupEvaluator> groups, bool restore)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping?.Token ?? CancellationToken.None);
        var loops = groups.Select(g => Task.Run(() => RunAsync(g, restore, cancellation.Token), CancellationToken.None)).ToList();
        return new Generation(groups, cancellation, loops);
    }

    private sealed record Generation(IReadOnlyList<RuleGroupEvaluator> Groups, CancellationTokenSource Cancellation, IReadOnlyList<Task> Loops)
    {
        public async Task StopAsync()
        {
            await Cancellation.CancelAsync();
            await Task.WhenAll(Loops);
            Cancellation.Dispose();
        }
    }
}
