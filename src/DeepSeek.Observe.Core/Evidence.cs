namespace DeepSeek.Observe.Core;

/// <summary>Something an on-call engineer can check for themselves: a query, a log line, an alert, an edge.</summary>
/// <param name="Kind">What the evidence is.</param>
/// <param name="Summary">One line for humans, e.g. "step time of rank 7 is 2.4× its peers' median".</param>
/// <param name="Reference">Where to look: a PromQL query, a log query, an alert fingerprint or an entity id.</param>
/// <param name="At">When the evidence was observed.</param>
public sealed record Evidence(EvidenceKind Kind, string Summary, string Reference, DateTimeOffset At);
