using DeepSeek.Observe.Host.Cli;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The command line in process: parsing, validation, exit codes and messages.</summary>
public class CommandLineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(new[] { "serve", "--urls", "nonsense" }, "--urls (or OBSERVE_URLS): 'nonsense' is not a listen address")]
    [InlineData(new[] { "serve", "--urls", "ftp://127.0.0.1:21" }, "is not a listen address")]
    [InlineData(new[] { "serve", "--urls", "http://127.0.0.1:99999" }, "is not a listen address")]
    [InlineData(new[] { "serve", "--postgres", "Host=;=" }, "--postgres (or OBSERVE_POSTGRES)")]
    [InlineData(new[] { "serve", "--rabbitmq", "rabbit:5672" }, "--rabbitmq (or OBSERVE_RABBITMQ)")]
    [InlineData(new[] { "serve", "--retention", "15 days" }, "--retention (or OBSERVE_RETENTION): '15 days' is not a duration")]
    [InlineData(new[] { "serve", "--retention", "30s" }, "between 1m and 100y")]
    [InlineData(new[] { "serve", "--alertmanager", "nonsense" }, "--alertmanager (or OBSERVE_ALERTMANAGERS): 'nonsense' is not an Alertmanager URL")]
    [InlineData(new[] { "serve", "--alertmanager", "http://127.0.0.1:9093", "--alertmanager", "ftp://am:21" }, "'ftp://am:21' is not an Alertmanager URL")]
    [InlineData(new[] { "serve", "--no-such-option" }, "--no-such-option")]
    [InlineData(new[] { "serve", "--urls" }, "--urls")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "db", "migrate" }, "--postgres (or OBSERVE_POSTGRES) is required")]
    [InlineData(new[] { "simulate", "--speed", "warp" }, "--speed: 'warp' is not realtime or max")]
    [InlineData(new[] { "simulate", "--nodes", "2" }, "--target, --otlp or --listen is required unless --speed max")]
    [InlineData(new[] { "simulate", "--speed", "max", "--nodes", "0" }, "--nodes must be between 1 and")]
    [InlineData(new[] { "simulate", "--speed", "max", "--nodes", "4", "--jobs", "9" }, "--jobs 9 needs a node each")]
    [InlineData(new[] { "simulate", "--speed", "max", "--duration", "soon" }, "--duration: 'soon' is not a duration")]
    [InlineData(new[] { "simulate", "--speed", "max", "--duration", "10s" }, "shorter than one --step")]
    [InlineData(new[] { "simulate", "--speed", "max", "--start", "yesterday" }, "--start: 'yesterday' is not an RFC 3339 time")]
    [InlineData(new[] { "simulate", "--speed", "max", "--target", "nonsense" }, "--target: 'nonsense' is not an http(s) URL")]
    [InlineData(new[] { "simulate", "--speed", "max", "--otlp", "nonsense" }, "--otlp: 'nonsense' is not an http(s) URL")]
    [InlineData(new[] { "simulate", "--speed", "max", "--otlp", "http://127.0.0.1:1", "--log-rate", "-1" }, "--log-rate must not be negative")]
    [InlineData(new[] { "simulate", "--nodes", "many" }, "many")]
    [InlineData(new[] { "bench", "promql-compat", "--platform", "http://127.0.0.1:1" }, "--prometheus")]
    [InlineData(new[] { "bench", "promql-compat", "--prometheus", "nonsense", "--platform", "http://127.0.0.1:1" }, "--prometheus: 'nonsense' is not an http(s) URL")]
    [InlineData(new[] { "bench", "promql-compat", "--prometheus", "http://127.0.0.1:1", "--platform", "http://127.0.0.1:2", "--start", "7" }, "--start must be a multiple of 15 s")]
    [InlineData(new[] { "bench", "promql-compat", "--prometheus", "http://127.0.0.1:1", "--platform", "http://127.0.0.1:2", "--queries", "/nonexistent/queries.txt" }, "--queries: cannot read '/nonexistent/queries.txt'")]
    public async Task Invoke_BadCommandLine_ExitsTwoWithOneLineError(string[] args, string expected)
    {
        var (exitCode, _, error) = await InvokeAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("deepseek-observe: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Invoke_BadEnvironmentFallback_ExitsTwoNamingVariable()
    {
        var (exitCode, _, error) = await InvokeAsync(["serve"], new Dictionary<string, string> { ["OBSERVE_URLS"] = "nonsense" });

        Assert.Equal(2, exitCode);
        Assert.Contains("OBSERVE_URLS", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Help_ListsOptionsWithEnvironmentVariables()
    {
        var (exitCode, output, _) = await InvokeAsync(["serve", "--help"]);

        Assert.Equal(0, exitCode);
        foreach (var expected in new[] { "--urls", "--data", "--postgres", "--rabbitmq", "--scrape-config", "OBSERVE_SCRAPE_CONFIG", "--notification-config", "OBSERVE_NOTIFICATION_CONFIG", "OBSERVE_URLS", "http://127.0.0.1:9470" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invoke_Version_PrintsVersion()
    {
        var (exitCode, output, _) = await InvokeAsync(["--version"]);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Fact]
    public void ResolveServe_Defaults_AreLoopbackAndLocalData()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null).Parse(["serve"]), _ => null);

        Assert.Equal([new Uri("http://127.0.0.1:9470")], settings.Urls);
        Assert.Equal("./data", settings.DataDirectory);
        Assert.Null(settings.Postgres);
        Assert.Null(settings.RabbitMq);
    }

    [Fact]
    public void ResolveServe_OptionBeatsEnvironment()
    {
        var environment = new Dictionary<string, string> { ["OBSERVE_DATA"] = "/from-env", ["OBSERVE_URLS"] = "http://127.0.0.1:1;http://[::1]:2" };
        string? Lookup(string name) => environment.GetValueOrDefault(name);

        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, Lookup).Parse(["serve", "--data", "/from-option"]), Lookup);

        Assert.Equal("/from-option", settings.DataDirectory);
        Assert.Equal(2, settings.Urls.Count);
    }

    [Fact]
    public void ResolveServe_RepeatedAlertmanager_ReachesTheAlertingOptions()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null)
                .Parse(["serve", "--alertmanager", "http://127.0.0.1:9093", "--alertmanager", "http://am-2:9093/prefix"]),
            _ => null);

        var configuration = settings.ToConfiguration().ToList();
        Assert.Contains(KeyValuePair.Create<string, string?>("Alerting:AlertmanagerUrls:0", "http://127.0.0.1:9093/"), configuration);
        Assert.Contains(KeyValuePair.Create<string, string?>("Alerting:AlertmanagerUrls:1", "http://am-2:9093/prefix"), configuration);
    }

    [Fact]
    public void ResolveServe_AlertmanagersFromEnvironment_SplitOnSemicolon()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null).Parse(["serve"]),
            name => name == "OBSERVE_ALERTMANAGERS" ? "http://a:9093; http://b:9093" : null);

        Assert.Equal([new Uri("http://a:9093"), new Uri("http://b:9093")], settings.AlertmanagerUrls);
    }

    [Fact]
    public void ResolveServe_Retention_ReachesTheStoreOptions()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null).Parse(["serve", "--retention", "2w3d"]), _ => null);

        Assert.Equal(TimeSpan.FromDays(17), settings.Retention);
        Assert.Contains(KeyValuePair.Create<string, string?>("Storage:Retention", "17.00:00:00"), settings.ToConfiguration());
    }

    [Fact]
    public void ResolveServe_RulesRepeated_ReachTheAlertingOptionsInOrder()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null).Parse(["serve", "--rules", "alert-rules/*.yml", "--rules", "extra.yml"]), _ => null);

        Assert.Equal(["alert-rules/*.yml", "extra.yml"], settings.RuleFiles);
        var configuration = settings.ToConfiguration().ToList();
        Assert.Contains(KeyValuePair.Create<string, string?>("Alerting:RuleFiles:0", "alert-rules/*.yml"), configuration);
        Assert.Contains(KeyValuePair.Create<string, string?>("Alerting:RuleFiles:1", "extra.yml"), configuration);
    }

    [Fact]
    public void ResolveServe_RulesFromEnvironment_SplitOnSemicolons()
    {
        var settings = ConnectionOptions.ResolveServe(
            ObserveCommandLine.Create(TextWriter.Null, _ => null).Parse(["serve"]), name => name == "OBSERVE_RULES" ? "a/*.yml; b.yml" : null);

        Assert.Equal(["a/*.yml", "b.yml"], settings.RuleFiles);
    }

    [Fact]
    public async Task Invoke_ScrapeConfigWithUnsupportedSetting_ExitsTwoNamingFileLineAndSetting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"observe-scrape-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, "scrape_configs:\n  - job_name: gpu\n    relabel_configs: []\n");
        try
        {
            var (exitCode, _, error) = await InvokeAsync(["serve", "--scrape-config", file]);

            Assert.Equal(2, exitCode);
            Assert.Equal(
                $"deepseek-observe: --scrape-config (or OBSERVE_SCRAPE_CONFIG): {file}:3:5: scrape_configs[0]: \"relabel_configs\" is a Prometheus setting that deepseek-observe does not support; remove it (only static_configs targets can be scraped)",
                error.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Invoke_ScrapeConfigFromEnvironmentMissing_ExitsTwoNamingVariable()
    {
        var (exitCode, _, error) = await InvokeAsync(["serve"], new Dictionary<string, string> { ["OBSERVE_SCRAPE_CONFIG"] = "/nonexistent/scrape.yml" });

        Assert.Equal(2, exitCode);
        Assert.StartsWith("deepseek-observe: --scrape-config (or OBSERVE_SCRAPE_CONFIG): /nonexistent/scrape.yml: cannot read", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Invoke_NotificationConfigUndefinedReceiver_ExitsTwoNamingLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"observe-am-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, "route:\n  receiver: pager\nreceivers:\n  - name: chat\n");
        try
        {
            var (exitCode, _, error) = await InvokeAsync(["serve", "--notification-config", file]);

            Assert.Equal(2, exitCode);
            Assert.Equal(
                $"deepseek-observe: --notification-config (or OBSERVE_NOTIFICATION_CONFIG): {file}:2:13: route: undefined receiver \"pager\" used in route",
                error.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ResolveServe_NotificationConfigFromEnvironment_BecomesAlertingSetting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"observe-am-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, "route:\n  receiver: chat\nreceivers:\n  - name: chat\n");
        try
        {
            var environment = (string name) => name == "OBSERVE_NOTIFICATION_CONFIG" ? file : null;
            var settings = ConnectionOptions.ResolveServe(ObserveCommandLine.Create(TextWriter.Null, environment).Parse(["serve"]), environment);

            Assert.Equal(file, settings.NotificationConfig);
            Assert.Contains(KeyValuePair.Create<string, string?>("Alerting:NotificationConfigFile", file), settings.ToConfiguration());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DbMigrate_RealPostgres_AppliesThenReportsUpToDate()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await InvokeAsync(["db", "migrate", "--postgres", database.ConnectionString]);
        var second = await InvokeAsync(["db", "migrate"], new Dictionary<string, string> { ["OBSERVE_POSTGRES"] = database.ConnectionString });

        Assert.Equal(0, first.ExitCode);
        // Any number above zero: the count grows with every migration added, which this test is not about.
        Assert.Matches(@"applied [1-9][0-9]* migration\(s\)", first.Output);
        Assert.DoesNotContain("observe_test;", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("schema is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_WrongPassword_ExitsOneWithReason()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres) { Password = "wrong" };

        var (exitCode, _, error) = await InvokeAsync(["db", "migrate", "--postgres", builder.ConnectionString]);

        Assert.Equal(1, exitCode);
        Assert.Contains("password authentication failed", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(
        string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ObserveCommandLine
            .InvokeAsync(args, output, error, name => environment?.GetValueOrDefault(name))
            .WaitAsync(s_timeout);
        return (exitCode, output.ToString(), error.ToString());
    }
}
