using DeepSeek.Observe.Alerting.Rules;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// What <c>promtool check rules</c> finds in one file: the number of rules when it is valid, every error otherwise,
/// and the lint finding (rules with the same name and labels) that promtool reports without failing.
/// </summary>
public sealed record RuleFileCheckResult(string Path, int RuleCount, IReadOnlyList<string> Errors, string? LintError)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// <c>rules check</c>: validates rule files with the loader the platform runs (Prometheus 2.42's rules), plus
/// promtool's default lint, duplicate rules, which makes two rules write the same series.
/// </summary>
public sealed class RuleFileChecker(IPromqlEvaluator promql)
{
    private readonly RuleFileLoader _loader = new(promql);

    public RuleFileCheckResult Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var loaded = _loader.LoadFile(path);
        if (!loaded.Succeeded)
        {
            return new RuleFileCheckResult(path, 0, loaded.Errors, null);
        }

        var rules = loaded.Groups.SelectMany(g => g.Rules).ToList();
        return new RuleFileCheckResult(path, rules.Count, [], Duplicates(rules));
    }

    // promtool's message: how many distinct rules occur more than once, each with its labels (as written, in name order).
    private static string? Duplicates(List<RuleDefinition> rules)
    {
        var duplicated = rules
            .GroupBy(r => (r.Name, Labels: string.Join('\n', Sorted(r).Select(l => $"{l.Key}\u0000{l.Value}"))))
            .Where(g => g.Count() > 1)
            .Select(g => g.First())
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => string.Join('\n', Sorted(r).Select(l => $"{l.Key}\u0000{l.Value}")), StringComparer.Ordinal)
            .ToList();
        if (duplicated.Count == 0)
        {
            return null;
        }

        var message = new System.Text.StringBuilder($"lint error {duplicated.Count} duplicate rule(s) found.\n");
        foreach (var rule in duplicated)
        {
            message.Append("Metric: ").Append(rule.Name).Append("\nLabel(s):\n");
            foreach (var (name, value) in Sorted(rule))
            {
                message.Append('\t').Append(name).Append(": ").Append(value).Append('\n');
            }
        }

        return message.Append("Might cause inconsistency while recording expressions").ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> Sorted(RuleDefinition rule) =>
        rule.Labels.Select(l => KeyValuePair.Create(l.Key, l.Value.Text)).OrderBy(l => l.Key, StringComparer.Ordinal);
}
