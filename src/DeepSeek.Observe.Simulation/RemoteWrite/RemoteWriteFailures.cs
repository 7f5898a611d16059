namespace DeepSeek.Observe.Simulation.RemoteWrite;

/// <summary>A sink's delivery record: every request made (retries included), those given up on, their samples, retries.</summary>
public readonly record struct RemoteWriteFailures(long Requests, long FailedRequests, long SamplesFailed, long Retries);
