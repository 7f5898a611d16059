namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>Who wrote a log line: the node's kernel (dmesg/journald), Kubernetes (events, kubelet) or a container.</summary>
public enum LogSource
{
    Kernel,
    Kubernetes,
    Container,
}

/// <summary>Severities as OpenTelemetry names them (SeverityText), most to least common in a healthy fleet.</summary>
public enum LogSeverity
{
    Info,
    Warn,
    Error,
    Fatal,
    Debug,
}

/// <summary>
/// One log line from the fleet. <see cref="Pod"/> and <see cref="Container"/> are set for container and Kubernetes
/// lines about a pod; kernel lines belong to <see cref="Node"/> alone.
/// </summary>
public sealed record SimulatedLog(long TimestampMs, LogSource Source, LogSeverity Level, FleetNode Node, FleetPod? Pod, string? Container, string Body);
