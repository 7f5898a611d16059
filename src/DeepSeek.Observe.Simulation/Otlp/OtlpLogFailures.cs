namespace DeepSeek.Observe.Simulation.Otlp;

/// <summary>
/// A log sink's delivery record: every request made (retries included), those given up on, the lines lost (given up on
/// or rejected by the receiver's partial success), and retries.
/// </summary>
public readonly record struct OtlpLogFailures(long Requests, long FailedRequests, long LinesFailed, long Retries);
