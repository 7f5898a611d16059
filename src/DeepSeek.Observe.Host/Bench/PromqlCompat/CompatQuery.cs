namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// One line of the query file: the PromQL (with <c>${end-30m}</c>-style placeholders for unix times), how to evaluate
/// it, and what the suite expects of it.
/// </summary>
/// <param name="Line">Line number in the file, for reports.</param>
/// <param name="Text">The PromQL as written, placeholders unresolved.</param>
/// <param name="Evaluations">Instant and/or range evaluations to run it under.</param>
/// <param name="Ordered">The result's order is part of the answer (<c>sort</c>/<c>sort_desc</c> in an instant query).</param>
/// <param name="ExpectEmpty">The answer is an empty result on purpose (absent(), a selector that matches nothing).</param>
/// <param name="ExpectedError">Prometheus's <c>errorType</c> the query must fail with, or null when it must succeed.</param>
/// <param name="Post">Sent as a POST form, as Grafana's Prometheus data source does by default, rather than a GET.</param>
internal sealed record CompatQuery(int Line, string Text, IReadOnlyList<CompatEvaluation> Evaluations, bool Ordered, bool ExpectEmpty, string? ExpectedError, bool Post = false);
