namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>How one rule-test file ended.</summary>
public enum RuleTestOutcome
{
    /// <summary>Every test group's expectations held.</summary>
    Passed,

    /// <summary>The files were valid and ran; an expectation did not hold or a rule failed to evaluate.</summary>
    Failed,

    /// <summary>The test file or a rule file it names could not be read or is not valid: nothing was evaluated.</summary>
    Invalid,
}

/// <summary>
/// The result of one rule-test file. <see cref="Errors"/> are promtool's failure texts (each may span lines: an
/// alert diff), <see cref="Warnings"/> what promtool warns about and goes on (a rule_files pattern matching nothing).
/// </summary>
public sealed record RuleTestFileResult(string Path, RuleTestOutcome Outcome, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public static RuleTestFileResult Invalid(string path, IReadOnlyList<string> errors, IReadOnlyList<string>? warnings = null) =>
        new(path, RuleTestOutcome.Invalid, errors, warnings ?? []);
}
