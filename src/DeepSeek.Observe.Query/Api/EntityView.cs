namespace DeepSeek.Observe.Query.Api;

/// <summary>One entity of <c>/api/v1/entities</c>: what it is, how telemetry names it, where it sits, what it has (series and log streams).</summary>
internal sealed record EntityView(
    string Id,
    string Kind,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Parents,
    IReadOnlyList<string> Layers,
    int Series,
    int LogStreams);
