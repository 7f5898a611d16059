using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

internal static partial class RuleManagerLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Evaluating {Groups} rule groups ({Rules} rules) from {Files} files")]
    public static partial void Loaded(ILogger logger, int groups, int rules, int files);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Rule reload failed, the previous rules stay in force: {Errors}")]
    public static partial void ReloadFailed(ILogger logger, string errors);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Sending {Alerts} alerts of group {Group} to {Sink} failed")]
    public static partial void SendFailed(ILogger logger, Exception exception, int alerts, string group, string sink);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Evaluation of rule group {Group} failed unexpectedly; it goes on at the next interval")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information, Message = "Restored for-state of the alerts of group {Group}")]
    public static partial void Restored(ILogger logger, string group);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "Rule group {Group} missed {Missed} evaluations: its evaluation takes longer than its interval")]
    public static partial void IterationsMissed(ILogger logger, long missed, string group);
}
