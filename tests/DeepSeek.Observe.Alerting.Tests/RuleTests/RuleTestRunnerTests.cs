using DeepSeek.Observe.Alerting.RuleTests;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

/// <summary>
/// The rule-test runner on the real PromQL engine: a scenario that passes, and one broken thing at a time — each
/// must fail with promtool's message. (RuleTestRunnerPromtoolTests checks the same cases against promtool itself.)
/// </summary>
public sealed class RuleTestRunnerTests : IDisposable
{
    private readonly RuleTestScenario _scenario = new();

    [Fact]
    public async Task Run_Scenario_Passes()
    {
        var (result, output, error) = await RuleTestScenario.RunAsync(_scenario.Write());

        Assert.True(result.Outcome == RuleTestOutcome.Passed, string.Join('\n', result.Errors));
        Assert.Equal($"Unit Testing:  {_scenario.TestPath}\n  SUCCESS\n\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Run_WrongExpectedValue_FailsWithBothValues()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("value: 90", "value: 91")));

        Assert.Equal(RuleTestOutcome.Failed, result.Outcome);
        Assert.Equal(
            "    expr: \"node:gpu_temp:max\", time: 5m,\n"
            + "        exp: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} 9.1E+01\n"
            + "        got: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} 9E+01",
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Run_WrongExpectedLabels_FailsWithBothSeries()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("{Hostname=\"n1\"}'", "{Hostname=\"n2\"}'")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("exp: {Hostname=\"n2\", __name__=\"node:gpu_temp:max\"} 9E+01", error, StringComparison.Ordinal);
        Assert.Contains("got: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} 9E+01", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongAnnotation_FailsWithAlertDiff()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("at 90 °C", "at 91 °C")));

        Assert.Equal(RuleTestOutcome.Failed, result.Outcome);
        Assert.Equal(
            """
                name: a hot GPU,
                alertname: GpuHot, time: 3m, 
                    exp:[
                        0:
                          Labels:{Hostname="n1", alertname="GpuHot", gpu="0", node="n1", severity="L1"}
                          Annotations:{source="c1 http://observe.example", summary="GPU 0 on n1 at 91 °C"}
                        ], 
                    got:[
                        0:
                          Labels:{Hostname="n1", alertname="GpuHot", gpu="0", node="n1", severity="L1"}
                          Annotations:{source="c1 http://observe.example", summary="GPU 0 on n1 at 90 °C"}
                        ]
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Run_AlertExpectedBeforeForElapsed_FailsAsMissing()
    {
        // At 2m30s the last evaluation (2m) has the alert pending, and pending alerts are not "firing".
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("eval_time: 3m\n        alertname", "eval_time: 2m30s\n        alertname")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("alertname: GpuHot, time: 2m30s, ", error, StringComparison.Ordinal);
        Assert.EndsWith("got:[]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AlertFiringWhenNoneExpected_FailsAsExtra()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("eval_time: 2m\n        alertname", "eval_time: 4m\n        alertname")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("alertname: GpuHot, time: 4m, \n        exp:[], \n        got:[\n            0:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RuleExpressionChanged_FailsItsExpectations()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("gpu_temp > 85", "gpu_temp > 95")));

        Assert.Equal(RuleTestOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("alertname: GpuHot, time: 3m", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("expr: \"ALERTS\", time: 3m,", result.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AlertTimeBetweenSteps_UsesTheEvaluationBefore()
    {
        // 3m30s with a 1m evaluation interval: compared with the evaluation at 3m, where the alert fires.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("eval_time: 3m\n        alertname", "eval_time: 3m30s\n        alertname")));

        Assert.True(result.Outcome == RuleTestOutcome.Passed, string.Join('\n', result.Errors));
    }

    [Fact]
    public async Task Run_ExpectedAlertsInAnotherOrder_Passes()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(test: """
            rule_files: [rules.yml]
            tests:
              - interval: 1m
                external_labels: {cluster: c1}
                external_url: http://observe.example
                input_series:
                  - series: 'gpu_temp{Hostname="n1", gpu="0"}'
                    values: '90x5'
                  - series: 'gpu_temp{Hostname="n1", gpu="1"}'
                    values: '95x5'
                alert_rule_test:
                  - eval_time: 3m
                    alertname: GpuHot
                    exp_alerts:
                      - exp_labels: {severity: L1, node: n1, Hostname: n1, gpu: "1"}
                        exp_annotations: {summary: "GPU 1 on n1 at 95 °C", source: "c1 http://observe.example"}
                      - exp_labels: {severity: L1, node: n1, Hostname: n1, gpu: "0"}
                        exp_annotations: {summary: "GPU 0 on n1 at 90 °C", source: "c1 http://observe.example"}
            """));

        Assert.True(result.Outcome == RuleTestOutcome.Passed, string.Join('\n', result.Errors));
    }

    [Fact]
    public async Task Run_NaNExpected_NeverEqualsAsInPromtool()
    {
        // promtool 2.42 compares values with Go's ==, so an expected NaN fails even when NaN is returned.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: [("max by (Hostname) (gpu_temp)", "max by (Hostname) (gpu_temp) * NaN"), ("value: 90", "value: .nan")]));

        var error = Assert.Single(result.Errors);
        Assert.EndsWith("exp: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} NaN\n        got: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} NaN", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ValueOffByRounding_FailsAsInPromtool()
    {
        // No tolerance in 2.42 either: 0.1 + 0.2 is 0.30000000000000004, not 0.3.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: [("max by (Hostname) (gpu_temp)", "max by (Hostname) (gpu_temp) * 0 + 0.1 + 0.2"), ("value: 90", "value: 0.3")]));

        Assert.Contains("got: {Hostname=\"n1\", __name__=\"node:gpu_temp:max\"} 3.0000000000000004E-01", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GroupEvalOrder_DecidesWhatALaterGroupSees()
    {
        const string rules = """
            groups:
              - name: first
                rules:
                  - record: derived:x
                    expr: base:x + 1
              - name: second
                rules:
                  - record: base:x
                    expr: x * 10
            """;
        const string test = """
            rule_files: [rules.yml]
            group_eval_order: [second, first]
            tests:
              - interval: 1m
                input_series:
                  - series: x
                    values: 1 2 3
                promql_expr_test:
                  - expr: derived:x
                    eval_time: 1m
                    exp_samples:
                      - labels: derived:x
                        value: 21
            """;

        Assert.Equal(RuleTestOutcome.Passed, (await RuleTestScenario.RunAsync(_scenario.Write(rules, test))).Result.Outcome);

        // File order: "first" reads base:x before "second" has written it at this step, so it sees the previous one.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(rules, test, ("group_eval_order: [second, first]\n", string.Empty)));
        Assert.Contains("got: {__name__=\"derived:x\"} 1.1E+01", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SamplesAfterTheLastEvaluation_AreNotLoaded()
    {
        // Like promtool's lazy loader: samples are appended up to each evaluation step, and the last step here is 1m.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(test: """
            tests:
              - interval: 30s
                input_series:
                  - series: z
                    values: 1 2 3 4 5
                promql_expr_test:
                  - expr: z
                    eval_time: 90s
                    exp_samples:
                      - labels: z
                        value: 3
            """));

        Assert.True(result.Outcome == RuleTestOutcome.Passed, string.Join('\n', result.Errors));
    }

    [Fact]
    public async Task Run_RuleFailsToEvaluate_StopsWithTheRuleError()
    {
        // Two series with the same labels once the alert drops __name__: Prometheus's evaluation error.
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: [("expr: gpu_temp > 85", "expr: '{__name__=~\"gpu_temp|gpu_temp2\"} > 85'"), ("      - series: 'gpu_temp{Hostname=\"n1\", gpu=\"1\"}'", "      - series: 'gpu_temp2{Hostname=\"n1\", gpu=\"0\"}'"), ("values: '60x10'", "values: '99x10'")]));

        Assert.Equal(RuleTestOutcome.Failed, result.Outcome);
        Assert.StartsWith("    rule: GpuHot, time: 1m0s, err: ", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadTestFile_IsInvalidNamingTheLine()
    {
        var (result, output, error) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("eval_time: 2m\n", "eval_time: soon\n")));

        Assert.Equal(RuleTestOutcome.Invalid, result.Outcome);
        Assert.Contains("not a valid duration string: \"soon\"", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.StartsWith($"Unit Testing:  {_scenario.TestPath}\n", output, StringComparison.Ordinal);
        Assert.StartsWith("  FAILED:\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadRuleFile_IsInvalidWithTheLoaderError()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("gpu_temp > 85", "gpu_temp > (85")));

        Assert.Equal(RuleTestOutcome.Invalid, result.Outcome);
        Assert.Contains("rules.yml", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Contains("could not parse expression", result.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingFile_IsInvalid()
    {
        var result = await RuleTestScenario.Runner().RunAsync(Path.Combine(_scenario.Directory, "absent.test.yml"), CancellationToken.None);

        Assert.Equal(RuleTestOutcome.Invalid, result.Outcome);
        Assert.Contains("absent.test.yml", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RuleFilePatternMatchingNothing_WarnsAndGoesOn()
    {
        var (result, _, error) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("rule_files: [rules.yml]", "rule_files: [rules.yml, none-*.yml]")));

        Assert.Equal(RuleTestOutcome.Passed, result.Outcome);
        Assert.Equal($"  WARNING: no file match pattern {Path.Combine(_scenario.Directory, "none-*.yml")}\n", error);
    }

    [Fact]
    public async Task Run_EvalTimeFarBeyondTheInterval_IsRefusedNotRun()
    {
        var (result, _, _) = await RuleTestScenario.RunAsync(_scenario.Write(replacements: ("eval_time: 5m", "eval_time: 100y")));

        Assert.Equal(RuleTestOutcome.Invalid, result.Outcome);
        Assert.Contains("more than 200000", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    public void Dispose() => _scenario.Dispose();
}
