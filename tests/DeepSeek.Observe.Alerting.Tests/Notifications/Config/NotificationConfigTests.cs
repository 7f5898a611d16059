using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Config;

public sealed class NotificationConfigTests
{
    internal const string Full = """
        global:
          resolve_timeout: 2m
        route:
          receiver: default
          group_by: [alertname]
          group_wait: 10s
          routes:
            - matchers: ['severity="L1"', 'node=~"gpu-.*"']
              receiver: pager
              group_by: ['...']
              continue: true
              routes:
                - match: {layer: hardware}
                  repeat_interval: 1h
            - match_re: {severity: "L2|L3"}
              receiver: chat
              group_interval: 1m
        receivers:
          - name: default
          - name: pager
            webhook_configs:
              - url: http://127.0.0.1:9999/hook
                max_alerts: 5
          - name: chat
            webhook_configs:
              - url: https://chat.example/hook
                send_resolved: false
        inhibit_rules:
          - source_matchers: [severity="L1"]
            target_matchers: ['severity=~"L2|L3"']
            equal: [node]
          - source_match: {alertname: NodeDown}
            target_match_re: {alertname: ".+"}
        """;

    [Fact]
    public void Parse_FullConfig_ReadsEverySettingAndInheritsDefaults()
    {
        var config = NotificationConfig.Parse(Full, "am.yml");

        Assert.Equal(TimeSpan.FromMinutes(2), config.ResolveTimeout);
        var root = config.Route;
        Assert.Equal("default", root.Receiver);
        Assert.Equal(["alertname"], root.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(10), root.GroupWait);
        Assert.Equal(RouteConfig.DefaultGroupInterval, root.GroupInterval);
        Assert.Equal(RouteConfig.DefaultRepeatInterval, root.RepeatInterval);

        var l1 = root.Routes[0];
        Assert.Equal("pager", l1.Receiver);
        Assert.True(l1.GroupByAll);
        Assert.True(l1.Continue);
        Assert.Equal(TimeSpan.FromSeconds(10), l1.GroupWait);
        Assert.Equal(["node=~\"gpu-.*\"", "severity=\"L1\""], l1.Matchers.Select(m => m.ToString()));

        var hardware = l1.Routes[0];
        Assert.Equal("pager", hardware.Receiver);
        Assert.True(hardware.GroupByAll);
        Assert.Equal(TimeSpan.FromHours(1), hardware.RepeatInterval);
        Assert.False(hardware.Continue);

        var chat = root.Routes[1];
        Assert.Equal(MatcherType.Regex, Assert.Single(chat.Matchers).Type);
        Assert.Equal(TimeSpan.FromMinutes(1), chat.GroupInterval);
        Assert.Equal(["alertname"], chat.GroupBy);

        Assert.Empty(config.Receivers["default"].Webhooks);
        var pager = Assert.Single(config.Receivers["pager"].Webhooks);
        Assert.Equal(new Uri("http://127.0.0.1:9999/hook"), pager.Url);
        Assert.True(pager.SendResolved);
        Assert.Equal(5, pager.MaxAlerts);
        Assert.False(Assert.Single(config.Receivers["chat"].Webhooks).SendResolved);

        Assert.Equal(2, config.InhibitRules.Count);
        Assert.Equal(["node"], config.InhibitRules[0].Equal);
        Assert.Equal(MatcherType.Regex, Assert.Single(config.InhibitRules[1].TargetMatchers).Type);
    }

    [Fact]
    public void Default_HasOneReceiverWithoutWebhooks()
    {
        var config = NotificationConfig.Default;

        Assert.Equal(NotificationConfig.DefaultReceiverName, config.Route.Receiver);
        Assert.Empty(Assert.Single(config.Receivers).Value.Webhooks);
    }

    [Theory]
    [InlineData("route: {receiver: nope}\nreceivers: [{name: a}]", "undefined receiver \"nope\" used in route")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a}, {name: a}]", "notification config name \"a\" is not unique")]
    [InlineData("route: {receiver: a, routes: [{matchers: ['a=~\"(\"']}]}\nreceivers: [{name: a}]", "invalid regular expression")]
    [InlineData("route: {receiver: a, routes: [{matchers: ['a=\"b\"c\"']}]}\nreceivers: [{name: a}]", "unescaped double quote")]
    [InlineData("route: {receiver: a, routes: [{matchers: ['1a=b']}]}\nreceivers: [{name: a}]", "bad matcher format")]
    [InlineData("route: {receiver: a, matchers: ['a=b']}\nreceivers: [{name: a}]", "root route must not have any matchers")]
    [InlineData("route: {group_by: [a]}\nreceivers: [{name: a}]", "root route must specify a default receiver")]
    [InlineData("route: {receiver: a, group_by: ['...', b]}\nreceivers: [{name: a}]", "wildcard group_by")]
    [InlineData("route: {receiver: a, group_by: [b, b]}\nreceivers: [{name: a}]", "duplicated label \"b\"")]
    [InlineData("route: {receiver: a, group_interval: 0s}\nreceivers: [{name: a}]", "group_interval cannot be zero")]
    [InlineData("route: {receiver: a, group_wait: soon}\nreceivers: [{name: a}]", "is not a duration")]
    [InlineData("route: {receiver: a}\nreceivers: [{webhook_configs: [{url: 'http://x/'}]}]", "missing name in receiver")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{send_resolved: true}]}]", "one of url or url_file must be configured")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a, webhook_configs: [{url: 'ftp://x/'}]}]", "is not an http or https URL")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a, email_configs: [{to: x@y}]}]", "does not support")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a}]\nmute_time_intervals: [{name: n}]", "does not support")]
    [InlineData("route: {receiver: a, mute_time_intervals: [n]}\nreceivers: [{name: a}]", "does not support (time intervals)")]
    [InlineData("route: {receiver: a, recevier: b}\nreceivers: [{name: a}]", "unknown setting \"recevier\"")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a}]\ninhibit_rules: [{equal: ['1x']}]", "invalid label name \"1x\"")]
    [InlineData("receivers: [{name: a}]", "no routes provided")]
    [InlineData("route: [receiver", "not valid YAML")]
    public void Parse_InvalidConfig_ThrowsNamingTheProblem(string yaml, string expected)
    {
        var error = Assert.Throws<NotificationConfigException>(() => NotificationConfig.Parse(yaml, "am.yml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("am.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingTheFile()
    {
        var error = Assert.Throws<NotificationConfigException>(() => NotificationConfig.Load("/nonexistent/am.yml"));

        Assert.Contains("/nonexistent/am.yml", error.Message, StringComparison.Ordinal);
    }
}
