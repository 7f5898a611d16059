using System.Globalization;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// Prints results as promtool 2.42 does, so scripts and eyes used to promtool read ours the same: progress and
/// SUCCESS on standard output, FAILED and the failures on standard error, a blank line after each file and failure.
/// </summary>
public static class RuleToolReport
{
    /// <summary><c>promtool test rules</c>: <c>Unit Testing:  FILE</c>, then <c>  SUCCESS</c> or <c>  FAILED:</c> and the diffs.</summary>
    public static async Task WriteAsync(RuleTestFileResult result, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await output.WriteLineAsync($"Unit Testing:  {result.Path}");
        foreach (var warning in result.Warnings)
        {
            await error.WriteLineAsync($"  WARNING: {warning}");
        }

        if (result.Outcome == RuleTestOutcome.Passed)
        {
            await output.WriteLineAsync("  SUCCESS");
        }
        else
        {
            await error.WriteLineAsync("  FAILED:");
            foreach (var failure in result.Errors)
            {
                await error.WriteLineAsync(failure);
                await output.WriteLineAsync();
            }
        }

        await output.WriteLineAsync();
    }

    /// <summary><c>promtool check rules</c>: <c>Checking FILE</c>, then <c>  SUCCESS: N rules found</c> or <c>  FAILED:</c> and the errors.</summary>
    public static async Task WriteAsync(RuleFileCheckResult result, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await output.WriteLineAsync($"Checking {result.Path}");
        if (result.Succeeded && result.LintError is null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  SUCCESS: {result.RuleCount} rules found"));
        }
        else
        {
            await error.WriteLineAsync("  FAILED:");
            foreach (var message in result.LintError is null ? result.Errors : [.. result.Errors, result.LintError])
            {
                await error.WriteLineAsync(message);
            }
        }

        await output.WriteLineAsync();
    }
}
