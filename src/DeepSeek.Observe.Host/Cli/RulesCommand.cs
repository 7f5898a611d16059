using System.CommandLine;
using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Query;
using DeepSeek.Observe.Query.Promql;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// <c>deepseek-observe rules test FILE...</c> and <c>rules check FILE...</c>: promtool's <c>test rules</c> and
/// <c>check rules</c> on the platform's own rule loader and evaluator, offline (no store, no server). Output as
/// promtool prints it; exit 0 when everything passed, 1 when a test or check failed, 2 when a file could not be
/// read or is not valid (for <c>test</c>; <c>check</c> reports those as failures, as promtool does).
/// </summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var testFiles = new Argument<string[]>("test-file") { Description = "rule unit-test files in Prometheus's format", Arity = ArgumentArity.OneOrMore };
        var test = new Command("test", "Run Prometheus rule unit-test files (promtool test rules) through the platform's rule evaluator.") { testFiles };
        test.SetAction(async (result, cancellationToken) =>
        {
            var runner = new RuleTestRunner(OfflinePromql());
            var exitCode = ExitCodes.Success;
            foreach (var file in result.GetValue(testFiles) ?? [])
            {
                var outcome = await runner.RunAsync(file, cancellationToken);
                await RuleToolReport.WriteAsync(outcome, output, error);
                exitCode = Math.Max(exitCode, outcome.Outcome switch
                {
                    RuleTestOutcome.Passed => ExitCodes.Success,
                    RuleTestOutcome.Failed => ExitCodes.Failure,
                    _ => ExitCodes.Usage,
                });
            }

            return exitCode;
        });

        var ruleFiles = new Argument<string[]>("rule-file") { Description = "Prometheus rule files", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Check Prometheus rule files (promtool check rules) with the platform's rule loader.") { ruleFiles };
        check.SetAction(async (result, cancellationToken) =>
        {
            var checker = new RuleFileChecker(OfflinePromql());
            var exitCode = ExitCodes.Success;
            foreach (var file in result.GetValue(ruleFiles) ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = checker.Check(file);
                await RuleToolReport.WriteAsync(outcome, output, error);
                if (!outcome.Succeeded)
                {
                    exitCode = ExitCodes.Failure;
                }
            }

            return exitCode;
        });

        return new Command("rules", "Test and check Prometheus rule files offline, as promtool does.") { test, check };
    }

    // The query engine with the query API's defaults (5m lookback); the runner points it at each test's own store.
    private static PromqlEvaluator OfflinePromql() =>
        new(new InMemorySeriesStore(), Options.Create(new QueryOptions()));
}
