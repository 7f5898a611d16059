namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>A dashboard's time range and the step Grafana would pick for it.</summary>
public sealed record QueryWindow(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step);
