using DeepSeek.Observe.Host.Cli;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// <c>rules test</c> and <c>rules check</c> in process on the repository's alert-rules/, and the issue's must-show:
/// the same test files pass through the real promtool 2.42 and through the platform, and a deliberately broken copy
/// (a wrong expected value; a rule's threshold changed; a rule that no longer parses) fails in both.
/// </summary>
public sealed class RulesCommandTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("observe-alert-rules-");

    private static string AlertRules => RepositoryLayout.PathOf("alert-rules");

    [Fact]
    public async Task RulesTest_EveryShippedTestFile_Passes()
    {
        var files = TestFiles(AlertRules);
        Assert.True(files.Length >= 5, "alert-rules/tests/*.test.yml went missing");

        var (exitCode, output, error) = await InvokeAsync(["rules", "test", .. files]);

        Assert.True(exitCode == 0, $"rules test exited {exitCode}:\n{output}{error}");
        Assert.All(files, f => Assert.Contains($"Unit Testing:  {f}\n  SUCCESS\n", output, StringComparison.Ordinal));
        Assert.Empty(error);
    }

    [Fact]
    public async Task RulesCheck_EveryShippedRuleFile_SucceedsWithItsRuleCount()
    {
        var files = RuleFiles(AlertRules);
        var (promtoolExit, promtoolOut, promtoolErr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "rules", .. files], s_timeout, AlertRules);
        Assert.True(promtoolExit == 0, $"promtool check rules exited {promtoolExit}:\n{promtoolOut}{promtoolErr}");

        var (exitCode, output, error) = await InvokeAsync(["rules", "check", .. files]);

        Assert.True(exitCode == 0, $"rules check exited {exitCode}:\n{output}{error}");
        Assert.Equal(files.Length, output.Split('\n').Count(l => l.StartsWith("  SUCCESS: ", StringComparison.Ordinal)));

        // The same rule counts as promtool's ("  SUCCESS: N rules found" per file, same order).
        Assert.Equal(promtoolOut, output);
    }

    [Fact]
    public async Task RulesTest_UnbrokenCopy_PassesInPromtoolAndHere()
    {
        CopyAlertRules();

        var (promtool, ours) = await BothAsync();

        Assert.True(promtool.ExitCode == 0, $"promtool test rules exited {promtool.ExitCode}:\n{promtool.Text}");
        Assert.True(ours.ExitCode == 0, $"rules test exited {ours.ExitCode}:\n{ours.Text}");
    }

    [Fact]
    public async Task RulesTest_WrongExpectedValue_FailsInPromtoolAndHere()
    {
        CopyAlertRules();
        await ReplaceAsync(Path.Combine("tests", "recording-baselines.test.yml"), "value: 0.06", "value: 0.07");

        var (promtool, ours) = await BothAsync();

        Assert.Equal(1, promtool.ExitCode);
        Assert.Equal(1, ours.ExitCode);
        foreach (var text in new[] { promtool.Text, ours.Text })
        {
            Assert.Contains("deployment:inference_requests_errors:ratio_rate5m", text, StringComparison.Ordinal);
            Assert.Contains("exp: {__name__=\"deployment:inference_requests_errors:ratio_rate5m\"", text, StringComparison.Ordinal);
        }

        // Only the broken file fails, in both.
        Assert.Equal(1, CountOf(promtool.Text, "FAILED"));
        Assert.Equal(1, CountOf(ours.Text, "FAILED"));
    }

    [Fact]
    public async Task RulesTest_RuleThresholdChanged_FailsInPromtoolAndHere()
    {
        CopyAlertRules();
        await ReplaceAsync("l1-hardware.yml", "DCGM_FI_DEV_GPU_TEMP > 85", "DCGM_FI_DEV_GPU_TEMP > 95");

        var (promtool, ours) = await BothAsync();

        Assert.Equal(1, promtool.ExitCode);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("alertname: GpuTemperatureHigh, time: 4m", promtool.Text, StringComparison.Ordinal);
        Assert.Contains("alertname: GpuTemperatureHigh, time: 4m", ours.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_RuleThatDoesNotParse_FailsInPromtoolAndIsInvalidHere()
    {
        CopyAlertRules();
        await ReplaceAsync("l1-hardware.yml", "DCGM_FI_DEV_XID_ERRORS == 79\n", "DCGM_FI_DEV_XID_ERRORS == (79\n");

        var (promtool, ours) = await BothAsync();

        Assert.NotEqual(0, promtool.ExitCode);
        Assert.Equal(2, ours.ExitCode);
        Assert.Contains("l1-hardware.yml", promtool.Text, StringComparison.Ordinal);
        Assert.Contains("l1-hardware.yml", ours.Text, StringComparison.Ordinal);
        Assert.Contains("could not parse expression", ours.Text, StringComparison.Ordinal);

        // `rules check` reports it as `promtool check rules` does, message for message.
        var broken = Path.Combine(_copy.FullName, "l1-hardware.yml");
        var (promtoolExit, promtoolOut, promtoolErr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "rules", broken], s_timeout, _copy.FullName);
        var (checkExit, checkOutput, checkError) = await InvokeAsync(["rules", "check", broken]);
        Assert.Equal((1, 1), (promtoolExit, checkExit));
        Assert.Equal(promtoolOut, checkOutput);
        Assert.Equal(promtoolErr, checkError);
        Assert.Contains("\"GpuFellOffBus\": could not parse expression", checkError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_UnreadableOrInvalidTestFile_ExitsTwoWithOneLineReason()
    {
        var bad = Path.Combine(_copy.FullName, "bad.test.yml");
        await File.WriteAllTextAsync(bad, "tests:\n  - interval: often\n");

        var (exitCode, _, error) = await InvokeAsync(["rules", "test", bad, Path.Combine(_copy.FullName, "absent.test.yml")]);

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["  FAILED:", $"{bad}:2:15: tests[0].interval: not a valid duration string: \"often\"", "  FAILED:"], lines[..3]);
        Assert.StartsWith($"{Path.Combine(_copy.FullName, "absent.test.yml")}: cannot read: ", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("check")]
    public async Task Rules_NoFiles_IsAUsageError(string command)
    {
        var (exitCode, _, error) = await InvokeAsync(["rules", command]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("deepseek-observe: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheRulesCommands()
    {
        var (exitCode, output, _) = await InvokeAsync(["rules", "--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("test", output, StringComparison.Ordinal);
        Assert.Contains("check", output, StringComparison.Ordinal);
        Assert.Contains("promtool", output, StringComparison.Ordinal);
    }

    public void Dispose() => _copy.Delete(recursive: true);

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ObserveCommandLine.InvokeAsync(args, output, error, _ => null).WaitAsync(s_timeout);
        return (exitCode, output.ToString(), error.ToString());
    }

    // Every test file of the copy through promtool and through `rules test`.
    private async Task<((int ExitCode, string Text) Promtool, (int ExitCode, string Text) Ours)> BothAsync()
    {
        var files = TestFiles(_copy.FullName);
        var (promtoolExit, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", .. files], s_timeout, _copy.FullName);
        var (exitCode, output, error) = await InvokeAsync(["rules", "test", .. files]);
        return ((promtoolExit, stdout + stderr), (exitCode, output + error));
    }

    private static string[] TestFiles(string directory) =>
        [.. Directory.GetFiles(Path.Combine(directory, "tests"), "*.test.yml").Order(StringComparer.Ordinal)];

    private static string[] RuleFiles(string directory) =>
        [.. Directory.GetFiles(directory, "*.yml").Order(StringComparer.Ordinal)];

    private void CopyAlertRules()
    {
        Directory.CreateDirectory(Path.Combine(_copy.FullName, "tests"));
        foreach (var file in RuleFiles(AlertRules))
        {
            File.Copy(file, Path.Combine(_copy.FullName, Path.GetFileName(file)));
        }

        foreach (var file in TestFiles(AlertRules))
        {
            File.Copy(file, Path.Combine(_copy.FullName, "tests", Path.GetFileName(file)));
        }
    }

    // The broken copy must differ from the original, or failing tools would prove nothing about the break.
    private async Task ReplaceAsync(string relativePath, string from, string to)
    {
        var path = Path.Combine(_copy.FullName, relativePath);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static int CountOf(string text, string word) =>
        text.Split(word).Length - 1;
}
