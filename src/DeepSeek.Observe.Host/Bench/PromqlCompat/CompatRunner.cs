namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// Runs every query of the suite under each of its evaluations against Prometheus (expected) and the platform
/// (actual), compares the answers with <see cref="CompatComparer"/> and prints one line per evaluation —
/// <c>PASS line i@end QUERY</c> or <c>FAIL line i@end QUERY: reason</c> — then a summary.
/// </summary>
internal sealed class CompatRunner(HttpClient http, Uri prometheus, Uri platform, long dataSetStartMs, TextWriter output)
{
    public async Task<IReadOnlyList<CompatOutcome>> RunAsync(IReadOnlyList<CompatQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var outcomes = new List<CompatOutcome>();
        foreach (var query in queries)
        {
            var promql = CompatQueryFile.Resolve(query.Text, dataSetStartMs);
            foreach (var evaluation in query.Evaluations)
            {
                var expected = SendAsync(evaluation.Message(prometheus, promql, dataSetStartMs, query.Post), cancellationToken);
                var actual = SendAsync(evaluation.Message(platform, promql, dataSetStartMs, query.Post), cancellationToken);
                var (e, a) = (await expected, await actual);
                var reason = e.Error is not null ? $"Prometheus: {e.Error}"
                    : a.Error is not null ? $"platform: {a.Error}"
                    : CompatComparer.Compare(e.Body!, a.Body!, query.Ordered && !evaluation.Range);
                var outcome = new CompatOutcome(query, evaluation, reason);
                outcomes.Add(outcome);
                await output.WriteLineAsync(outcome.ToString());
            }
        }

        var failed = outcomes.Count(o => !o.Passed);
        await output.WriteLineAsync(
            $"promql-compat: {queries.Count} queries, {outcomes.Count} evaluations: {outcomes.Count - failed} passed, {failed} failed");
        return outcomes;
    }

    /// <summary>The body of any answer (errors are answers too: 400/422/503 carry Prometheus's error JSON), or why there is none.</summary>
    private async Task<(string? Body, string? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var message = request;
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return !response.IsSuccessStatusCode && !body.TrimStart().StartsWith('{')
                ? (null, $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}")
                : (body, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, ex.Message);
        }
    }
}
