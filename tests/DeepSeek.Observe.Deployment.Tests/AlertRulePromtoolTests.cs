using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>
/// The rule files and their unit tests through the real promtool (2.42): both must pass, and a deliberately broken
/// copy — a wrong expected value in a test, a syntax error in a rule — must be rejected, so the checks can fail.
/// </summary>
public sealed class AlertRulePromtoolTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "alert-rules-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CheckRules_EveryRuleFile_Succeeds()
    {
        var files = AlertRuleFiles.RuleFiles();
        Assert.Contains(Path.Combine("alert-rules", "l1-hardware.yml"), files);

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "rules", .. files], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{stdout}{stderr}");
        Assert.Equal(files.Length, CountOf(stdout, "SUCCESS"));
    }

    [Fact]
    public async Task TestRules_EveryTestFile_Passes()
    {
        var files = AlertRuleFiles.TestFiles();
        Assert.NotEmpty(files);

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", .. files], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{stdout}{stderr}");
        Assert.Equal(files.Length, CountOf(stdout + stderr, "SUCCESS"));
    }

    [Fact]
    public async Task TestRules_WrongExpectedValue_Fails()
    {
        CopyAlertRules();
        var test = Path.Combine(_copy, "tests", "recording-baselines.test.yml");
        await ReplaceAsync(test, "value: 0.06", "value: 0.07");

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", test], s_timeout, _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAILED", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("deployment:inference_requests_errors:ratio_rate5m", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_WrongExpectedLabel_Fails()
    {
        CopyAlertRules();
        var test = Path.Combine(_copy, "tests", "l1-hardware.test.yml");
        await ReplaceAsync(test, "alertname: GpuFellOffBus, severity: L1", "alertname: GpuFellOffBus, severity: L2");

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", test], s_timeout, _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("GpuFellOffBus", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRules_SyntaxErrorInRule_Fails()
    {
        CopyAlertRules();
        var rules = Path.Combine(_copy, "l1-hardware.yml");
        await ReplaceAsync(rules, "DCGM_FI_DEV_XID_ERRORS == 79\n", "DCGM_FI_DEV_XID_ERRORS == (79\n");

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "rules", rules], s_timeout, _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("l1-hardware.yml", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusConfig_WithAlertRulesMountedAsInCompose_LoadsEveryRuleFile()
    {
        // docker-compose mounts alert-rules/ at /etc/prometheus/rules beside prometheus.yml, whose rule_files is rules/*.yml.
        var compose = await File.ReadAllTextAsync(RepositoryLayout.PathOf("docker-compose.yml"));
        Assert.Contains("./alert-rules:/etc/prometheus/rules:ro", compose, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_copy, "rules"));
        File.Copy(RepositoryLayout.PathOf("deploy", "prometheus", "prometheus.yml"), Path.Combine(_copy, "prometheus.yml"));
        foreach (var file in AlertRuleFiles.RuleFiles())
        {
            File.Copy(RepositoryLayout.PathOf(file), Path.Combine(_copy, "rules", Path.GetFileName(file)));
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "config", "prometheus.yml"], s_timeout, _copy);

        Assert.True(exitCode == 0, $"promtool check config exited {exitCode}:\n{stdout}{stderr}");
        Assert.Contains($"SUCCESS: {AlertRuleFiles.RuleFiles().Length} rule files found", stdout + stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    private void CopyAlertRules()
    {
        Directory.CreateDirectory(Path.Combine(_copy, "tests"));
        foreach (var file in Directory.GetFiles(AlertRuleFiles.Directory, "*.yml"))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(AlertRuleFiles.Directory, "tests"), "*.yml"))
        {
            File.Copy(file, Path.Combine(_copy, "tests", Path.GetFileName(file)));
        }
    }

    // The broken copy must differ from the original, or a passing promtool would prove nothing.
    private static async Task ReplaceAsync(string path, string from, string to)
    {
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
