using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Dispatch;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Dispatch;

public sealed class DispatchRouteTests
{
    private const string Tree = """
        route:
          receiver: default
          group_by: [alertname]
          routes:
            - matchers: ['severity="L1"', 'node=~"n.*"']
              receiver: pager
              group_by: [node, alertname]
              continue: true
            - matchers: [severity="L1"]
              receiver: l1-chat
            - matchers: ['severity=~"L2|L3"']
              receiver: chat
              routes:
                - matchers: [layer="business"]
                  receiver: business
        receivers: [{name: default}, {name: pager}, {name: l1-chat}, {name: chat}, {name: business}]
        """;

    private static readonly DispatchRoute s_root = new(NotificationConfig.Parse(Tree, "t.yml").Route, null);

    [Theory]
    [InlineData("severity=L1,node=n1", "pager,l1-chat")]
    [InlineData("severity=L1,node=x1", "l1-chat")]
    [InlineData("severity=L2", "chat")]
    [InlineData("severity=L3,layer=business", "business")]
    [InlineData("severity=info", "default")]
    public void Match_FirstMatchingChildWinsUnlessContinue(string labels, string receivers)
    {
        var set = DispatcherHarness.Labels([.. labels.Split(',').Select(p => p.Split('=')).Select(p => (p[0], p[1]))]);

        Assert.Equal(receivers.Split(','), s_root.Match(set).Select(r => r.Config.Receiver));
    }

    [Fact]
    public void GroupKey_HasAlertmanagersFormat()
    {
        var labels = DispatcherHarness.Labels(("alertname", "A"), ("node", "n1"), ("severity", "L1"), ("job", "j"));
        var route = s_root.Match(labels)[0];

        // As Alertmanager 0.25 writes it for this tree (checked against a real one): sorted matchers, then the group labels.
        Assert.Equal("{}/{node=~\"n.*\",severity=\"L1\"}:{alertname=\"A\", node=\"n1\"}", AggregationGroup.FormatKey(route, route.GroupLabels(labels)));
    }
}
