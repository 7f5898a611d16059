using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

public class CompatQueryFileTests
{
    // Everything issue 6 asks the engine for: the suite must exercise each of them at least once.
    private static readonly string[] s_required =
    [
        "rate(", "irate(", "increase(", "delta(", "idelta(", "deriv(", "predict_linear(", "resets(", "changes(", "abs(", "ceil(",
        "floor(", "round(", "clamp(", "clamp_min(", "clamp_max(", "exp(", "ln(", "log2(", "log10(", "sqrt(", "sgn(", "timestamp(",
        "time()", "vector(", "scalar(", "absent(", "absent_over_time(", "sort(", "sort_desc(", "label_replace(", "label_join(",
        "histogram_quantile(", "avg_over_time(", "min_over_time(", "max_over_time(", "sum_over_time(", "count_over_time(",
        "quantile_over_time(", "stddev_over_time(", "stdvar_over_time(", "last_over_time(", "present_over_time(",
        "sum(", "avg(", "min(", "max(", "count(", "stddev(", "stdvar(", "topk(", "bottomk(", "quantile(", "count_values(", "group(",
        " by (", " without (", " offset ", " @ ", ":1m]", ":]", " bool ", " and ", " or ", " unless ", " on (", " ignoring (",
        "group_left", "group_right", "=~", "!~", "!=", " ^ ", " % ", " atan2 ",
    ];

    [Fact]
    public void Embedded_ParsesWithAtLeast180QueriesCoveringEveryRequiredFeature()
    {
        var queries = CompatQueryFile.Parse(CompatQueryFile.Embedded());

        Assert.True(queries.Count >= 180, $"only {queries.Count} queries");
        var missing = s_required.Where(f => !queries.Any(q => q.Text.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"not covered: {string.Join(", ", missing)}");
        Assert.Contains(queries, q => q.Evaluations.Any(e => e.Range));
        Assert.Contains(queries, q => q.Evaluations.Any(e => !e.Range));
        Assert.Contains(queries, q => q.ExpectedError == "bad_data");
        Assert.Contains(queries, q => q.ExpectedError == "execution");
        Assert.Contains(queries, q => q.Ordered);
        Assert.Contains(queries, q => q.Post);
    }

    [Fact]
    public void Parse_LineWithEvaluationsAndFlags_ReadsThemAll()
    {
        var query = Assert.Single(CompatQueryFile.Parse("# comment\n\ni i@end-30m r@start+7s..end/37s ordered empty post error=bad_data | sum(x)\n"));

        Assert.Equal(3, query.Line);
        Assert.Equal("sum(x)", query.Text);
        Assert.Equal(["i@end", "i@end-30m", "r@start+7s..end/37s"], query.Evaluations.Select(e => e.ToString()));
        Assert.True(query.Ordered);
        Assert.True(query.ExpectEmpty);
        Assert.Equal("bad_data", query.ExpectedError);
        Assert.True(query.Post);
    }

    [Theory]
    [InlineData("i sum(x)", "line 1: expected")]
    [InlineData("x | sum(x)", "line 1: unknown token 'x'")]
    [InlineData("ordered | sum(x)", "line 1: needs at least one evaluation")]
    [InlineData("i@later | sum(x)", "unknown token 'i@later'")]
    [InlineData("r@start..end | sum(x)", "unknown token")]
    [InlineData("r@start..end/0s | sum(x)", "unknown token")]
    [InlineData("i | x @ ${end+soon}", "line 1: unknown time placeholder ${end+soon}")]
    public void Parse_BadLine_NamesTheLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CompatQueryFile.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TimePlaceholders_BecomeUnixSecondsAndLabelReplaceGroupsStay()
    {
        var text = CompatQueryFile.Resolve("x @ ${end-30m} + label_replace(y, \"a\", \"${1}\", \"b\", \"(.*)\") @ ${start+1s}", 1_000_000);

        Assert.Equal($"x @ {1000 + (480 * 15) - 1800} + label_replace(y, \"a\", \"${{1}}\", \"b\", \"(.*)\") @ 1001", text);
    }

    [Fact]
    public async Task Message_Post_SendsTheParametersAsAForm()
    {
        using var message = CompatEvaluation.DefaultInstant.Message(new Uri("http://127.0.0.1:9/"), "sum(up) > 1", 1_000_000, post: true);

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("http://127.0.0.1:9/api/v1/query", message.RequestUri!.ToString());
        Assert.Equal("application/x-www-form-urlencoded", message.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("query=sum%28up%29%20%3E%201&time=8200", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Request_InstantAndRange_BuildPrometheusApiCalls()
    {
        Assert.Equal("/api/v1/query?query=up&time=1000.5", new CompatEvaluation(false, "start+500ms", "start+500ms", "0s").Request("up", 1_000_000));
        Assert.Equal(
            "/api/v1/query_range?query=sum%28up%29&start=1000&end=8200&step=60",
            CompatEvaluation.DefaultRange.Request("sum(up)", 1_000_000));
    }
}
