using System.CommandLine;
using System.Globalization;
using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// <c>deepseek-observe bench promql-compat</c>: the PromQL compatibility suite against any two servers — Prometheus
/// 2.42 (the reference) and the platform — holding the suite's data set (<c>--load</c> sends it to both first).
/// Prints PASS/FAIL per query and evaluation, then a summary; exits 1 when anything failed.
/// </summary>
internal static class PromqlCompatCommand
{
    public static Command Create(TextWriter output)
    {
        var prometheus = new Option<string>("--prometheus") { Description = "base URL of Prometheus 2.42 (the expected answers), e.g. http://127.0.0.1:9090", Required = true, HelpName = "URL" };
        var platform = new Option<string>("--platform") { Description = "base URL of the platform (the answers checked), e.g. http://127.0.0.1:9470", Required = true, HelpName = "URL" };
        var queries = new Option<string?>("--queries") { Description = "query file (default: the suite's own, compat-queries.txt)", HelpName = "FILE" };
        var start = new Option<long>("--start") { Description = "unix seconds of the data set's first sample (queries are relative to it)", DefaultValueFactory = _ => CompatDataSet.DefaultStartMs / 1000, HelpName = "SECONDS" };
        var load = new Option<bool>("--load") { Description = "first send the data set to both (/api/v1/write; Prometheus needs --web.enable-remote-write-receiver, the platform a --retention reaching back to --start)" };

        var command = new Command("promql-compat", "Run the PromQL compatibility suite: the same queries against Prometheus and the platform, results compared.")
        {
            prometheus, platform, queries, start, load,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var prometheusUrl = BaseUrl(result.GetValue(prometheus), "--prometheus");
            var platformUrl = BaseUrl(result.GetValue(platform), "--platform");
            var startMs = checked(result.GetValue(start) * 1000);
            if (startMs % CompatDataSet.StepMs != 0)
            {
                throw new UsageException($"--start must be a multiple of {CompatDataSet.StepMs / 1000} s");
            }

            var file = result.GetValue(queries);
            string text;
            try
            {
                text = file is null ? CompatQueryFile.Embedded() : await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--queries: cannot read '{file}': {ex.Message}");
            }

            IReadOnlyList<CompatQuery> parsed;
            try
            {
                parsed = CompatQueryFile.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--queries: {ex.Message}");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            if (result.GetValue(load))
            {
                var dataSet = new CompatDataSet(startMs);
                foreach (var server in new[] { prometheusUrl, platformUrl })
                {
                    try
                    {
                        var samples = await new CompatDataSetLoader(http).LoadAsync(dataSet, new Uri(server, "/api/v1/write"), cancellationToken);
                        await output.WriteLineAsync($"loaded {samples} samples of {dataSet.Series.Count} series into {server}");
                    }
                    catch (HttpRequestException ex)
                    {
                        // Most often a server that already holds the data set (its samples are then out of order):
                        // --load wants empty servers.
                        await output.WriteLineAsync($"{ObserveCommandLine.Name}: --load: {ex.Message} (--load needs servers that do not hold the data set yet)");
                        return ExitCodes.Failure;
                    }
                }
            }

            await output.WriteLineAsync(
                $"promql-compat: prometheus={prometheusUrl} platform={platformUrl} start={(startMs / 1000).ToString(CultureInfo.InvariantCulture)} queries={parsed.Count}");
            var outcomes = await new CompatRunner(http, prometheusUrl, platformUrl, startMs, output).RunAsync(parsed, cancellationToken);
            return outcomes.All(o => o.Passed) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Uri BaseUrl(string? value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"{option}: '{value}' is not an http(s) URL");
}
