namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>One panel target's PromQL, as written (template variables unexpanded).</summary>
public sealed record DashboardQuery(GrafanaDashboard Dashboard, int PanelId, string PanelTitle, string RefId, string Expr, bool Instant)
{
    /// <summary>Where the query lives, for failure messages: <c>hardware.json panel 7 "GPU temperature" A</c>.</summary>
    public override string ToString() => $"{Dashboard.File} panel {PanelId} \"{PanelTitle}\" {RefId}";
}
