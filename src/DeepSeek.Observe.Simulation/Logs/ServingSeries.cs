namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>Catalog indices of a serving pod's series: its access log's status codes and latencies follow them.</summary>
internal readonly record struct ServingSeries(int Ok, int Shed, int Failed, int LatencySum, int LatencyCount, int QueueDepth)
{
    public ServingSeries With(SignalKind kind, string? code, int index) => kind switch
    {
        SignalKind.InferenceRequests => code switch
        {
            "200" => this with { Ok = index },
            "429" => this with { Shed = index },
            _ => this with { Failed = index },
        },
        SignalKind.InferenceLatencySum => this with { LatencySum = index },
        SignalKind.InferenceLatencyCount => this with { LatencyCount = index },
        SignalKind.InferenceQueueDepth => this with { QueueDepth = index },
        _ => this,
    };
}
