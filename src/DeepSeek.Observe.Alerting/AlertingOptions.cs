namespace DeepSeek.Observe.Alerting;

/// <summary>Settings of the alerting component (section <c>Alerting</c>).</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerting";
}
