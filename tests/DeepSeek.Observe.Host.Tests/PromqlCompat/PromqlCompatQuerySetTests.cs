using System.Text.Json;
using DeepSeek.Observe.Host.Bench.PromqlCompat;
using DeepSeek.Observe.Host.Cli;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

/// <summary>
/// The compatibility suite against real Prometheus 2.42 holding its data set: every query is valid and means
/// something (succeeds, or fails with the declared errorType; returns data unless declared empty), and the runner,
/// pointed at two Prometheus servers loaded alike, passes every query — so a failure against the platform is the
/// platform's.
/// </summary>
public sealed class PromqlCompatQuerySetTests(PromqlCompatFixture fixture) : IClassFixture<PromqlCompatFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void DataSet_LoadedIntoPrometheus_EverySampleAccepted()
    {
        var expected = fixture.DataSet.SampleCount();
        Assert.Equal(expected, fixture.First.Samples);
        Assert.Equal(expected, fixture.Second.Samples);
        Assert.True(expected > 500_000, $"only {expected} samples");
    }

    [Fact]
    public async Task DataSet_LoadedIntoThePlatform_SameSeriesAndSamplesBitForBitAsPrometheus()
    {
        var work = Directory.CreateTempSubdirectory("observe-promql-compat-platform-");
        try
        {
            await using var platform = await PlatformWithCompatData.StartAsync(fixture.DataSet, work.FullName, fixture.Http);

            Assert.Equal(fixture.First.Samples, platform.Samples);
            var (start, end) = (fixture.DataSet.StartMs - 10_000, fixture.DataSet.EndMs + 10_000);
            var series = $"api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\".+\"}")}&start={start / 1000}&end={end / 1000}";
            var expected = await SeriesAsync(new Uri(fixture.First.Url, series));
            Assert.Equal(expected, await SeriesAsync(new Uri(platform.Url, series)));
            Assert.True(expected.Count > 1000, $"only {expected.Count} series");
            // The edge cases' samples — NaN, ±Inf, the staleness marker, jittered timestamps — survive bit for bit.
            var matcher = (Ingest.Protocol.RemoteWrite.LabelMatcher.Types.Type.Eq, "job", "compat");
            var fromPrometheus = await RemoteReadClient.ReadAsync(fixture.Http, fixture.First.Url.ToString().TrimEnd('/'), start, end, matcher);
            var fromPlatform = await RemoteReadClient.ReadAsync(fixture.Http, platform.Url.ToString().TrimEnd('/'), start, end, matcher);
            Assert.Equal(fromPrometheus.Keys.Order(StringComparer.Ordinal), fromPlatform.Keys.Order(StringComparer.Ordinal));
            Assert.All(fromPrometheus, e => Assert.Equal(e.Value, fromPlatform[e.Key]));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task QuerySet_AgainstPrometheus_EachSucceedsOrFailsAsDeclaredAndReturnsDataUnlessDeclaredEmpty()
    {
        var queries = CompatQueryFile.Parse(CompatQueryFile.Embedded());
        var problems = new List<string>();
        var (evaluations, nonEmpty) = (0, 0);
        foreach (var query in queries)
        {
            var promql = CompatQueryFile.Resolve(query.Text, fixture.DataSet.StartMs);
            foreach (var evaluation in query.Evaluations)
            {
                evaluations++;
                using var request = evaluation.Message(fixture.First.Url, promql, fixture.DataSet.StartMs, query.Post);
                using var response = await fixture.Http.SendAsync(request).WaitAsync(s_timeout);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var root = json.RootElement;
                var where = $"line {query.Line} {evaluation} {query.Text}";
                if (root.GetProperty("status").GetString() != "success")
                {
                    var type = root.GetProperty("errorType").GetString();
                    if (type != query.ExpectedError)
                    {
                        problems.Add($"{where}: error {type} ({root.GetProperty("error").GetString()}), expected {query.ExpectedError ?? "success"}");
                    }

                    continue;
                }

                if (query.ExpectedError is not null)
                {
                    problems.Add($"{where}: succeeded, expected error {query.ExpectedError}");
                    continue;
                }

                var result = root.GetProperty("data").GetProperty("result");
                var empty = result.ValueKind == JsonValueKind.Array && result.GetArrayLength() == 0;
                nonEmpty += empty ? 0 : 1;
                if (empty != query.ExpectEmpty)
                {
                    problems.Add($"{where}: {(empty ? "empty, expected data" : "returned data, declared empty")}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(queries.Count >= 180, $"only {queries.Count} queries");
        // Most of the suite must compare real data, not agree on nothing.
        Assert.True(nonEmpty >= evaluations * 0.85, $"only {nonEmpty} of {evaluations} evaluations return data");
    }

    [Fact]
    public async Task Runner_TwoPrometheusServersWithTheDataSet_EveryEvaluationPasses()
    {
        var queries = CompatQueryFile.Parse(CompatQueryFile.Embedded());
        using var output = new StringWriter();

        var outcomes = await new CompatRunner(fixture.Http, fixture.First.Url, fixture.Second.Url, fixture.DataSet.StartMs, output)
            .RunAsync(queries, CancellationToken.None).WaitAsync(s_timeout);

        Assert.True(outcomes.All(o => o.Passed), string.Join('\n', outcomes.Where(o => !o.Passed)));
        Assert.Equal(queries.Sum(q => q.Evaluations.Count), outcomes.Count);
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.All(lines[..^1], line => Assert.StartsWith("PASS ", line, StringComparison.Ordinal));
        Assert.Equal($"promql-compat: {queries.Count} queries, {outcomes.Count} evaluations: {outcomes.Count} passed, 0 failed", lines[^1]);
    }

    [Fact]
    public async Task BenchPromqlCompat_OnePrometheusAgainstAnother_PrintsPassPerQueryAndExitsZero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"compat-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "i r | sum by (Hostname) (rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[5m]))\ni ordered | sort_desc(compat_gauge)\n");
        try
        {
            var (exitCode, output) = await InvokeAsync(["bench", "promql-compat", "--prometheus", fixture.First.Url.ToString(), "--platform", fixture.Second.Url.ToString(), "--queries", file]);

            Assert.Equal(0, exitCode);
            Assert.Contains("PASS 1 i@end sum by (Hostname)", output, StringComparison.Ordinal);
            Assert.Contains("PASS 1 r@start..end/1m sum by (Hostname)", output, StringComparison.Ordinal);
            Assert.Contains("PASS 2 i@end sort_desc(compat_gauge)", output, StringComparison.Ordinal);
            Assert.Contains("promql-compat: 2 queries, 3 evaluations: 3 passed, 0 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BenchPromqlCompat_PlatformShiftedByAStep_PrintsFailWithTheDifferenceAndExitsOne()
    {
        // The same server, but the "platform" side asked about a data set 15 s later: answers differ.
        var file = Path.Combine(Path.GetTempPath(), $"compat-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "i | compat_gauge{instance=\"a\"}\ni | no_such_metric\n");
        try
        {
            using var output = new StringWriter();
            var queries = CompatQueryFile.Parse(await File.ReadAllTextAsync(file));
            using var http = new HttpClient(new ShiftingHandler(fixture.Second.Url, CompatDataSet.StepMs));

            var outcomes = await new CompatRunner(http, fixture.First.Url, fixture.Second.Url, fixture.DataSet.StartMs, output)
                .RunAsync(queries, CancellationToken.None).WaitAsync(s_timeout);

            Assert.False(outcomes[0].Passed);
            Assert.Contains("FAIL 1 i@end compat_gauge{instance=\"a\"}: ", output.ToString(), StringComparison.Ordinal);
            Assert.True(outcomes[1].Passed, outcomes[1].Reason);
            Assert.EndsWith("1 passed, 1 failed\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BenchPromqlCompat_PlatformUnreachable_FailsEveryQueryAndExitsOne()
    {
        var file = Path.Combine(Path.GetTempPath(), $"compat-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "i | compat_gauge\n");
        try
        {
            var (exitCode, output) = await InvokeAsync(["bench", "promql-compat", "--prometheus", fixture.First.Url.ToString(), "--platform", "http://127.0.0.1:1", "--queries", file]);

            Assert.Equal(1, exitCode);
            Assert.Contains("FAIL 1 i@end compat_gauge: platform: ", output, StringComparison.Ordinal);
            Assert.Contains("0 passed, 1 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<List<string>> SeriesAsync(Uri url)
    {
        using var json = JsonDocument.Parse(await fixture.Http.GetStringAsync(url).WaitAsync(s_timeout));
        return [.. json.RootElement.GetProperty("data").EnumerateArray()
            .Select(s => string.Join(',', s.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private static async Task<(int ExitCode, string Output)> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ObserveCommandLine.InvokeAsync(args, output, error, _ => null).WaitAsync(s_timeout);
        return (exitCode, output + error.ToString());
    }
}
