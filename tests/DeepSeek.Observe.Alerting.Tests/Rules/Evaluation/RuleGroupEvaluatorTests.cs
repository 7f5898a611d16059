using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using static DeepSeek.Observe.Alerting.Tests.Rules.Evaluation.MemoryStore;

namespace DeepSeek.Observe.Alerting.Tests.Rules.Evaluation;

public sealed class RuleGroupEvaluatorTests
{
    private static readonly LabelSet s_hot = Labels("__name__", "gpu_temp", "Hostname", "node-1", "gpu", "0");
    private static readonly LabelSet s_cool = Labels("__name__", "gpu_temp", "Hostname", "node-2", "gpu", "0");

    private readonly MemoryStore _store = new();
    private readonly IPromqlEvaluator _promql;

    public RuleGroupEvaluatorTests() => _promql = RuleFileLoaderTests.Evaluator().WithQuerier(_store);

    [Fact]
    public async Task EvaluateAsync_ConditionHoldsForFor_PendingThenFiringThenResolved()
    {
        _store.Fill(s_hot, 0, 300, 91).Fill(s_hot, 315, 600, 70).Fill(s_cool, 0, 600, 60);
        var group = Group("""
            - alert: GpuHot
              expr: gpu_temp > 85
              for: 2m
              labels: { severity: L1, node: "{{ $labels.Hostname }}" }
              annotations: { summary: "GPU {{ $labels.gpu }} at {{ $value }}°C" }
            """);
        var rule = (AlertingRule)group.Rules[0];

        Assert.Empty(await Eval(group, 0));
        var pending = Assert.Single(rule.Alerts);
        Assert.Equal(AlertState.Pending, pending.State);
        Assert.Equal("node-1", pending.Labels["node"]);
        Assert.Equal("GPU 0 at 91°C", pending.Annotations["summary"]);
        Assert.Equal(1, Query("ALERTS{alertstate=\"pending\",alertname=\"GpuHot\"}", 0).Single().Value);

        Assert.Empty(await Eval(group, 60));
        var fired = Assert.Single(await Eval(group, 120));
        Assert.Equal(AlertState.Firing, Assert.Single(rule.Alerts).State);
        Assert.Equal((At(120), At(120 + 240)), (fired.StartsAt, fired.EndsAt));
        Assert.Equal("GpuHot", fired.Labels["alertname"]);
        Assert.Empty(Query("ALERTS{alertstate=\"pending\"}", 120));
        Assert.Single(Query("ALERTS{alertstate=\"firing\"}", 120));
        Assert.Equal(BaseSeconds, Query("ALERTS_FOR_STATE", 120).Single().Value);

        // Firing alerts are re-sent only after the resend delay (1m) has passed.
        Assert.Empty(await Eval(group, 180));
        Assert.Single(await Eval(group, 240));

        var resolved = Assert.Single(await Eval(group, 360));
        Assert.Equal(At(360), resolved.EndsAt);
        Assert.Equal(AlertState.Resolved, Assert.Single(rule.Alerts).State);
        Assert.Empty(Query("ALERTS", 360));

        // Kept (and re-sent as resolved every resend delay) for 15 minutes after resolving, then forgotten.
        Assert.Equal(At(360), Assert.Single(await Eval(group, 360 + 900)).EndsAt);
        Assert.Single(rule.Alerts);
        await Eval(group, 360 + 901);
        Assert.Empty(rule.Alerts);
    }

    [Fact]
    public async Task EvaluateAsync_ConditionClearsWhilePending_AlertDroppedNeverNotified()
    {
        _store.Fill(s_hot, 0, 60, 91).Fill(s_hot, 75, 600, 70);
        var group = Group("""
            - alert: GpuHot
              expr: gpu_temp > 85
              for: 5m
            """);

        Assert.Empty(await Eval(group, 0));
        Assert.Empty(await Eval(group, 120));
        Assert.Empty(((AlertingRule)group.Rules[0]).Alerts);
        Assert.Empty(Query("ALERTS", 120));
    }

    [Fact]
    public async Task CopyStateFrom_SameRuleAfterReload_KeepsActiveAt()
    {
        _store.Fill(s_hot, 0, 600, 91);
        const string Rules = """
            - alert: GpuHot
              expr: gpu_temp > 85
              for: 5m
            """;
        var before = Group(Rules);
        await Eval(before, 0);
        var after = Group(Rules);
        after.CopyStateFrom(before);

        Assert.Empty(await Eval(after, 240));
        Assert.Equal(At(0), Assert.Single(((AlertingRule)after.Rules[0]).Alerts).ActiveAt);
        Assert.Single(await Eval(after, 300));
    }

    [Fact]
    public async Task EvaluateAsync_KeepFiringFor_StaysFiringAfterConditionClears()
    {
        _store.Fill(s_hot, 0, 60, 91).Fill(s_hot, 75, 600, 70);
        var group = Group("""
            - alert: GpuHot
              expr: gpu_temp > 85
              keep_firing_for: 3m
            """);
        var rule = (AlertingRule)group.Rules[0];

        Assert.Single(await Eval(group, 0));
        await Eval(group, 120);
        Assert.Equal(AlertState.Firing, Assert.Single(rule.Alerts).State);
        await Eval(group, 240);
        Assert.Equal(AlertState.Firing, Assert.Single(rule.Alerts).State);
        var resolved = Assert.Single(await Eval(group, 300));
        Assert.Equal(At(300), resolved.EndsAt);
        Assert.Equal(AlertState.Resolved, Assert.Single(rule.Alerts).State);
    }

    [Fact]
    public async Task EvaluateAsync_LimitExceeded_DropsAllAlertsAndMarksRuleUnhealthy()
    {
        _store.Fill(s_hot, 0, 60, 91).Fill(s_cool, 0, 60, 92);
        var group = Group("""
            - alert: GpuHot
              expr: gpu_temp > 85
            """, limit: 1);

        Assert.Empty(await Eval(group, 0));
        var rule = (AlertingRule)group.Rules[0];
        Assert.Equal(RuleHealth.Err, rule.Health);
        Assert.Equal("exceeded limit of 1 with 2 alerts", rule.LastError);
        Assert.Empty(rule.Alerts);
        Assert.Empty(Query("ALERTS", 0));
    }

    [Fact]
    public async Task EvaluateAsync_RecordingRule_WrittenBackAndVisibleToLaterRules()
    {
        _store.Fill(s_hot, 0, 60, 91).Fill(s_cool, 0, 60, 60);
        var group = Group("""
            - record: node:gpu_temp:max
              expr: max by (Hostname) (gpu_temp)
              labels: { layer: Hardware }
            - alert: NodeHot
              expr: node:gpu_temp:max > 85
            """);

        var sent = Assert.Single(await Eval(group, 0));
        Assert.Equal("node-1", sent.Labels["Hostname"]);
        Assert.Equal("Hardware", sent.Labels["layer"]);
        var recorded = Query("node:gpu_temp:max", 0);
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, s => Assert.Equal("Hardware", s.Labels["layer"]));
        Assert.Equal(RuleHealth.Ok, group.Rules[0].Health);
    }

    [Fact]
    public async Task EvaluateAsync_LabelsCollideAfterDroppingName_RuleError()
    {
        _store.Fill(Labels("__name__", "a", "gpu", "0"), 0, 60, 1).Fill(Labels("__name__", "b", "gpu", "0"), 0, 60, 1);
        var group = Group("""
            - alert: Dup
              expr: '{__name__=~"a|b"}'
            - record: ok
              expr: vector(1)
            """);

        await Eval(group, 0);
        Assert.Equal("vector contains metrics with the same labelset after applying alert labels", group.Rules[0].LastError);
        Assert.Equal(RuleHealth.Ok, group.Rules[1].Health);
    }

    [Fact]
    public async Task EvaluateAsync_QueryFails_RuleErrorOthersStillRun()
    {
        var group = Group("""
            - record: bad
              expr: label_replace(vector(1), "x", "$1", "y", "(")
            - record: good
              expr: vector(1)
            """);

        await Eval(group, 0);
        Assert.Equal(RuleHealth.Err, group.Rules[0].Health);
        Assert.NotNull(group.Rules[0].LastError);
        Assert.Single(Query("good", 0));
    }

    [Fact]
    public async Task RestoreForState_AfterRestart_KeepsOriginalActiveAt()
    {
        _store.Fill(s_hot, 0, 3600, 91);
        const string Rules = """
            - alert: GpuHot
              expr: gpu_temp > 85
              for: 30m
            """;
        var before = Group(Rules);
        for (var t = 0; t <= 600; t += 60)
        {
            await Eval(before, t);
        }

        // Down from 600 s to 900 s; the restarted platform restores, and the 5 minutes down do not count as pending.
        var after = Group(Rules);
        after.PrepareRestore();
        await Eval(after, 900);
        Assert.DoesNotContain(Query("ALERTS_FOR_STATE", 900), s => s.Value == BaseSeconds + 900);
        after.RestoreForState(At(900), _store);
        var alert = Assert.Single(((AlertingRule)after.Rules[0]).Alerts);
        Assert.Equal(At(300), alert.ActiveAt);
        await Eval(after, 2099);
        Assert.Equal(AlertState.Pending, Assert.Single(((AlertingRule)after.Rules[0]).Alerts).State);
        Assert.Single(await Eval(after, 2100));
    }

    [Fact]
    public async Task EvaluateAsync_ExternalLabelsAndUrl_AddedToSentAlerts()
    {
        _store.Fill(s_hot, 0, 60, 91);
        var settings = RuleEvaluationSettings.Default with { ExternalLabels = Labels("cluster", "prod"), ExternalUrl = "http://observe:9470" };
        var group = Group("""
            - alert: GpuHot
              expr: gpu_temp > 85
              annotations: { where: "{{ $externalLabels.cluster }}" }
            """, settings: settings);

        var sent = Assert.Single(await Eval(group, 0));
        Assert.Equal("prod", sent.Labels["cluster"]);
        Assert.Equal("prod", sent.Annotations["where"]);
        Assert.Equal("http://observe:9470/graph?g0.expr=gpu_temp+%3E+85&g0.tab=1", sent.GeneratorUrl);
    }

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(BaseSeconds + seconds);

    private static RuleGroupEvaluator Group(string rules, int limit = 0, RuleEvaluationSettings? settings = null)
    {
        var indented = string.Join('\n', rules.Split('\n').Select(l => "      " + l));
        var yaml = $"groups:\n  - name: test\n    limit: {limit}\n    rules:\n{indented}\n";
        var result = RuleFileLoaderTests.Loader().Parse(yaml, "test.yml");
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        return new RuleGroupEvaluator(Assert.Single(result.Groups), settings ?? RuleEvaluationSettings.Default);
    }

    private Task<IReadOnlyList<PostableAlert>> Eval(RuleGroupEvaluator group, long seconds) =>
        group.EvaluateAsync(At(seconds), _promql, _store, CancellationToken.None);

    private IReadOnlyList<InstantSample> Query(string expression, long seconds) => _promql.EvaluateInstant(expression, At(seconds), CancellationToken.None);
}
