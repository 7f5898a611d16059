using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>
/// What the platform and the on-call rely on in every alert: a severity matching its file, a layer the platform knows,
/// summary/description/runbook_url with a runbook section that exists, and promtool tests that see it fire and not fire.
/// </summary>
public partial class AlertRuleConventionsTests
{
    private static readonly string[] s_annotations = ["summary", "description", "runbook_url"];

    [Fact]
    public void EveryAlert_HasSeverityOfItsFileAndAKnownLayer()
    {
        var alerts = AlertRuleFiles.Alerts().ToList();
        Assert.True(alerts.Count >= 30, $"only {alerts.Count} alerts");
        foreach (var (file, rule) in alerts)
        {
            var name = AlertRuleFiles.Scalar(rule, "alert");
            var labels = AlertRuleFiles.Map(rule, "labels");
            var severity = AlertRuleFiles.Scalar(labels, "severity");
            Assert.True(SeverityLabel.TryParse(severity, out _), $"{name} in {file}: severity '{severity}'");
            Assert.StartsWith(severity.ToLowerInvariant() + "-", Path.GetFileName(file), StringComparison.Ordinal);
            var layer = AlertRuleFiles.Scalar(labels, "layer");
            Assert.True(Enum.TryParse<Layer>(layer, ignoreCase: false, out _), $"{name} in {file}: layer '{layer}'");
        }
    }

    [Fact]
    public void EveryAlert_HasTheThreeAnnotations()
    {
        foreach (var (file, rule) in AlertRuleFiles.Alerts())
        {
            var annotations = AlertRuleFiles.Map(rule, "annotations");
            foreach (var key in s_annotations)
            {
                Assert.False(string.IsNullOrWhiteSpace(AlertRuleFiles.Scalar(annotations, key)), $"{AlertRuleFiles.Scalar(rule, "alert")} in {file} has no {key}");
            }
        }
    }

    [Fact]
    public void EveryRunbookUrl_PointsAtASectionOfRunbooksMd()
    {
        var anchors = Anchors(File.ReadAllText(Testing.RepositoryLayout.PathOf("docs", "runbooks.md")));
        foreach (var (file, rule) in AlertRuleFiles.Alerts())
        {
            var url = AlertRuleFiles.Scalar(AlertRuleFiles.Map(rule, "annotations"), "runbook_url");
            var hash = url.IndexOf('#', StringComparison.Ordinal);
            Assert.True(hash > 0 && url[..hash] == "docs/runbooks.md", $"{file}: runbook_url '{url}'");
            Assert.True(anchors.Contains(url[(hash + 1)..]), $"{file}: no section '{url[(hash + 1)..]}' in docs/runbooks.md");
        }
    }

    [Fact]
    public void AlertNames_AreUnique()
    {
        var names = AlertRuleFiles.Alerts().Select(a => AlertRuleFiles.Scalar(a.Rule, "alert")).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryAlert_IsTestedFiringAndNotFiring()
    {
        var firing = new HashSet<string>(StringComparer.Ordinal);
        var quiet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in AlertRuleFiles.TestFiles())
        {
            foreach (var test in ((YamlSequenceNode)AlertRuleFiles.Load(file)["tests"]).Children.Cast<YamlMappingNode>())
            {
                if (!test.Children.TryGetValue("alert_rule_test", out var cases))
                {
                    continue;
                }

                foreach (var @case in ((YamlSequenceNode)cases).Children.Cast<YamlMappingNode>())
                {
                    var expected = @case.Children.TryGetValue("exp_alerts", out var list) ? ((YamlSequenceNode)list).Children : [];
                    (expected.Count > 0 ? firing : quiet).Add(AlertRuleFiles.Scalar(@case, "alertname"));
                    // A firing expectation must name the labels and the annotations the alert carries.
                    Assert.All(expected.Cast<YamlMappingNode>(), e => Assert.True(
                        AlertRuleFiles.Map(e, "exp_labels").Children.ContainsKey("severity") && AlertRuleFiles.Map(e, "exp_annotations").Children.ContainsKey("runbook_url"),
                        $"{file}: {AlertRuleFiles.Scalar(@case, "alertname")} expects no severity or no annotations"));
                }
            }
        }

        foreach (var (_, rule) in AlertRuleFiles.Alerts())
        {
            var name = AlertRuleFiles.Scalar(rule, "alert");
            Assert.True(firing.Contains(name), $"{name} is never tested firing");
            Assert.True(quiet.Contains(name), $"{name} is never tested staying quiet");
        }
    }

    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(markdown).Select(m => NotAnchor().Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))];

    [GeneratedRegex(@"^#{1,6}\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex NotAnchor();
}
