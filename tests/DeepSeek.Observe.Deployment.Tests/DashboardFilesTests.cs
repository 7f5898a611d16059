using System.Text.Json;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Testing;
using DeepSeek.Observe.Testing.Dashboards;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>
/// The Grafana dashboards in <c>dashboards/</c> as Grafana 11 loads them from the provisioned folder: well-formed,
/// uniquely identified, every panel on the provisioned data source, every template reference defined. Whether the
/// queries return data is DashboardQueries*Tests' job (Host.Tests), against a real server.
/// </summary>
public partial class DashboardFilesTests
{
    private static readonly string[] s_panelTypes = ["row", "timeseries", "stat", "gauge", "table", "heatmap", "bargauge"];
    private static readonly IReadOnlyList<GrafanaDashboard> s_dashboards = GrafanaDashboard.LoadAll(RepositoryLayout.PathOf("dashboards"));

    [Fact]
    public void Dashboards_AreTheOverviewAndTheFourLayers()
    {
        Assert.Equal(
            ["observe-business", "observe-container", "observe-framework", "observe-hardware", "observe-overview"],
            s_dashboards.Select(d => d.Uid).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dashboards_HaveUniqueUidsTitlesAndTheCurrentSchema()
    {
        Assert.All(s_dashboards, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Uid), $"{d.File} has no uid");
            // Grafana rejects uids longer than 40 characters.
            Assert.True(d.Uid!.Length <= 40, $"{d.File}: uid '{d.Uid}' is longer than 40 characters");
            Assert.False(string.IsNullOrWhiteSpace(d.Title), $"{d.File} has no title");
            Assert.True(d.SchemaVersion is >= 39 and <= 41, $"{d.File}: schemaVersion {d.SchemaVersion} is not Grafana 11's");
            // A provisioned dashboard carries no numeric id: Grafana assigns one, and a stale one clashes.
            Assert.False(d.Root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number, $"{d.File} has a numeric id");
        });
        Assert.Equal(s_dashboards.Count, s_dashboards.Select(d => d.Uid).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(s_dashboards.Count, s_dashboards.Select(d => d.Title).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Panels_HaveUniqueIdsKnownTypesAndAPlace()
    {
        Assert.All(s_dashboards, d =>
        {
            var ids = d.Panels.Select(p => p.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : -1).ToList();
            Assert.DoesNotContain(-1, ids);
            Assert.True(ids.Count == ids.Distinct().Count(), $"{d.File}: panel ids repeat: {string.Join(',', ids)}");
            Assert.All(d.Panels, p =>
            {
                Assert.Contains(GrafanaDashboard.Type(p), s_panelTypes);
                var grid = p.GetProperty("gridPos");
                Assert.True(grid.GetProperty("w").GetInt32() is > 0 and <= 24 && grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24,
                    $"{d.File} panel {p.GetProperty("id")}: gridPos {grid} is outside the 24-column grid");
            });
        });
    }

    [Fact]
    public void PanelsAndVariables_UseTheProvisionedPrometheusDataSource()
    {
        var provisioned = Provisioning.DataSource();
        Assert.All(s_dashboards, d =>
        {
            Assert.All(d.DataPanels, panel =>
            {
                AssertProvisioned(panel.GetProperty("datasource"), $"{d.File} panel {panel.GetProperty("id")}");
                Assert.All(GrafanaDashboard.Targets(panel), target =>
                {
                    if (target.TryGetProperty("datasource", out var ds))
                    {
                        AssertProvisioned(ds, $"{d.File} panel {panel.GetProperty("id")} target");
                    }
                });
            });
            Assert.All(d.Variables, v => Assert.True(v.DatasourceUid == provisioned.Uid, $"{d.File} variable {v.Name}: data source {v.DatasourceUid}"));
        });

        void AssertProvisioned(JsonElement datasource, string where)
        {
            Assert.True(datasource.ValueKind == JsonValueKind.Object, $"{where}: datasource is not a {{type, uid}} reference");
            Assert.Equal(provisioned.Type, datasource.GetProperty("type").GetString());
            Assert.True(datasource.GetProperty("uid").GetString() == provisioned.Uid, $"{where}: datasource uid {datasource.GetProperty("uid")} is not the provisioned {provisioned.Uid}");
        }
    }

    [Fact]
    public void EveryPanel_HasQueriesWhoseVariablesAreDefined()
    {
        Assert.All(s_dashboards, d =>
        {
            Assert.All(d.DataPanels, panel => Assert.NotEmpty(GrafanaDashboard.Targets(panel)));
            var queries = d.Queries.ToList();
            Assert.All(queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Expr), $"{q} has no expr"));

            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in d.Variables)
            {
                // Grafana resolves variables in order: a variable's query may use only those before it.
                Assert.True(variable.LabelValues is not null, $"{d.File} variable {variable.Name}: not label_values(selector, label): {variable.Query}");
                Assert.All(TemplateExpander.ReferencedNames(variable.Query), name =>
                    Assert.True(defined.Contains(name), $"{d.File} variable {variable.Name} uses ${name} before it is defined"));
                Assert.True(defined.Add(variable.Name), $"{d.File}: variable {variable.Name} is defined twice");
            }

            Assert.All(queries, q => Assert.All(TemplateExpander.ReferencedNames(q.Expr), name =>
                Assert.True(defined.Contains(name) || name.StartsWith("__", StringComparison.Ordinal), $"{q} uses undefined ${name}")));
            // And the built-ins used are those the expander knows (it throws on any other name).
            var expander = AllSelected(d);
            Assert.All(queries, q => expander.Expand(q.Expr));
        });
    }

    [Fact]
    public void Queries_NeverIdentifyEntitiesByTheScrapeJob()
    {
        // `job` only says how a series was scraped (dcgm-exporter, kubelet...): entities are named by Hostname/gpu,
        // train_job/rank, deployment, namespace/pod. (train_job is ours and allowed: the lookbehind skips it.)
        var job = ScrapeLabelRegex();
        Assert.All(s_dashboards, d =>
        {
            Assert.All(d.Queries, q => Assert.False(job.IsMatch(q.Expr), $"{q} uses job/instance: {q.Expr}"));
            Assert.All(d.Variables, v => Assert.False(job.IsMatch(v.Query), $"{d.File} variable {v.Name} uses job/instance: {v.Query}"));
            Assert.All(d.DataPanels.SelectMany(GrafanaDashboard.Targets), t =>
                Assert.DoesNotContain("{{job}}", t.TryGetProperty("legendFormat", out var legend) ? legend.GetString() ?? "" : "", StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData("observe-overview", new[] { "cluster" })]
    [InlineData("observe-hardware", new[] { "cluster", "node", "gpu" })]
    [InlineData("observe-container", new[] { "cluster", "namespace", "node", "pod" })]
    [InlineData("observe-framework", new[] { "cluster", "train_job", "node", "rank" })]
    [InlineData("observe-business", new[] { "cluster", "deployment" })]
    public void Dashboard_HasItsTemplateVariables_MultiSelectWithAll(string uid, string[] expected)
    {
        var dashboard = s_dashboards.Single(d => d.Uid == uid);

        Assert.Equal(expected, dashboard.Variables.Select(v => v.Name));
        Assert.All(dashboard.Variables, v =>
        {
            Assert.Equal("query", v.Type);
            Assert.True(v.IncludeAll && v.AllValue == ".*", $"{uid} variable {v.Name}: All must be .*, which also matches series without the label");
        });
    }

    [Fact]
    public void TemplateExpander_ExpandsGrafanasFormsAndBuiltIns()
    {
        var window = new QueryWindow(DateTimeOffset.FromUnixTimeSeconds(1_000_000), DateTimeOffset.FromUnixTimeSeconds(1_003_600), TimeSpan.FromSeconds(60));
        var expander = new TemplateExpander(window, TimeSpan.FromSeconds(15)).Set("node", ["gpu-node-0001"]).Set("gpu", ["0", "1"]);

        Assert.Equal(
            "rate(x{Hostname=~\"gpu-node-0001\", gpu=~\"(0|1)\"}[75s]) + y[3600s] + z[60s] + gpu-node-0001",
            expander.Expand("rate(x{Hostname=~\"$node\", gpu=~\"${gpu:regex}\"}[$__rate_interval]) + y[$__range] + z[$__interval] + [[node]]"));
        Assert.Throws<KeyNotFoundException>(() => expander.Expand("up{x=\"$nodes\"}"));
        // $__rate_interval is at least four scrape intervals.
        Assert.Equal("60s", new TemplateExpander(window with { Step = TimeSpan.FromSeconds(15) }, TimeSpan.FromSeconds(15)).Expand("$__rate_interval"));
    }

    [GeneratedRegex(@"(?<![\w])(job|instance)\b")]
    private static partial Regex ScrapeLabelRegex();

    private static TemplateExpander AllSelected(GrafanaDashboard dashboard)
    {
        var expander = new TemplateExpander(new QueryWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), TimeSpan.FromSeconds(15)), TimeSpan.FromSeconds(15));
        foreach (var variable in dashboard.Variables)
        {
            expander.SetAll(variable);
        }

        return expander;
    }
}
