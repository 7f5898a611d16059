using DeepSeek.Observe.Alerting.Rules;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// Runs Prometheus rule unit-test files through the platform's own rule evaluation, with promtool 2.42's semantics
/// (cmd/promtool/unittest.go): each test group gets a fresh in-memory store holding its input series, every rule
/// group is evaluated at every <c>evaluation_interval</c> step from 0 to the group's latest <c>eval_time</c>, alert
/// expectations are checked against the firing alerts as they stand after the step at or just before their time,
/// and PromQL expectations are queried at their time afterwards. Offline: needs only an <see cref="IPromqlEvaluator"/>
/// (its querier is replaced by each group's store).
/// </summary>
public sealed class RuleTestRunner(IPromqlEvaluator promql)
{
    private readonly RuleFileLoader _loader = new(promql);

    /// <summary>Runs one test file; never throws for a bad file (that is <see cref="RuleTestOutcome.Invalid"/>).</summary>
    public async Task<RuleTestFileResult> RunAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > RuleTestFileParser.MaxFileChars)
            {
                return RuleTestFileResult.Invalid(path, [$"{path}: larger than {RuleTestFileParser.MaxFileChars} bytes"]);
            }

            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RuleTestFileResult.Invalid(path, [$"{path}: cannot read: {ex.Message}"]);
        }

        RuleTestFile file;
        try
        {
            file = RuleTestFileParser.Parse(text, path);
        }
        catch (RuleTestFormatException ex)
        {
            return RuleTestFileResult.Invalid(path, [ex.Message]);
        }

        return await RunAsync(file, cancellationToken);
    }

    /// <summary>Runs a parsed test file (its rule files are read now).</summary>
    public async Task<RuleTestFileResult> RunAsync(RuleTestFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.GroupEvalOrder.Count; i++)
        {
            if (!order.TryAdd(file.GroupEvalOrder[i], i))
            {
                return RuleTestFileResult.Invalid(file.Path, [$"{file.Path}: group name repeated in evaluation order: {file.GroupEvalOrder[i]}"]);
            }
        }

        var warnings = new List<string>();
        var ruleFiles = new List<string>();
        foreach (var pattern in file.RuleFiles)
        {
            try
            {
                var matches = RuleFileGlob.Expand(pattern);
                if (matches.Count == 0)
                {
                    warnings.Add($"no file match pattern {pattern}");
                }

                ruleFiles.AddRange(matches);
            }
            catch (Exception ex) when (ex is RuleTestFormatException or IOException or UnauthorizedAccessException)
            {
                return RuleTestFileResult.Invalid(file.Path, [$"{file.Path}: rule_files: {ex.Message}"], warnings);
            }
        }

        // Prometheus keys groups by file and name, so naming a file twice loads it once.
        var groups = new List<RuleGroupDefinition>();
        var loadErrors = new List<string>();
        foreach (var ruleFile in ruleFiles.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var loaded = _loader.LoadFile(ruleFile);
            groups.AddRange(loaded.Groups);
            loadErrors.AddRange(loaded.Errors);
        }

        if (loadErrors.Count > 0)
        {
            return RuleTestFileResult.Invalid(file.Path, loadErrors, warnings);
        }

        // promtool sorts by the position in group_eval_order, unlisted groups counting as 0; file order breaks ties
        // (promtool's order there is a Go map's, i.e. undefined, so tests cannot rely on it).
        var ordered = groups
            .Select((g, i) => (Group: g, Index: i))
            .OrderBy(x => order.GetValueOrDefault(x.Group.Name))
            .ThenBy(x => x.Index)
            .Select(x => x.Group)
            .ToList();

        var errors = new List<string>();
        foreach (var test in file.Tests)
        {
            var run = new RuleTestGroupRun(test, file.EvaluationInterval, ordered, promql);
            var tooLong = run.CheckBounds();
            if (tooLong is not null)
            {
                return RuleTestFileResult.Invalid(file.Path, [$"{file.Path}: {tooLong}"], warnings);
            }

            errors.AddRange(await run.RunAsync(cancellationToken));
        }

        return new RuleTestFileResult(file.Path, errors.Count == 0 ? RuleTestOutcome.Passed : RuleTestOutcome.Failed, errors, warnings);
    }
}
