using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>
/// Loads Prometheus-format rule files: globs expanded like Prometheus's <c>rule_files</c>, every file read and checked,
/// every error collected (so one run reports them all, as <c>promtool check rules</c> does).
/// </summary>
public sealed class RuleFileLoader(IPromqlEvaluator promql)
{
    /// <summary>Largest rule file read; real ones are tens of kilobytes.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Loads every file matching any of <paramref name="patterns"/>, in sorted order per pattern.</summary>
    public RuleLoadResult Load(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var groups = new List<RuleGroupDefinition>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            IReadOnlyList<string> files;
            try
            {
                files = RuleFileGlob.Expand(pattern);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add($"{pattern}: cannot list rule files: {ex.Message}");
                continue;
            }

            foreach (var file in files.Where(seen.Add))
            {
                var result = LoadFile(file);
                groups.AddRange(result.Groups);
                errors.AddRange(result.Errors);
            }
        }

        return new RuleLoadResult(errors.Count > 0 ? [] : groups, errors);
    }

    public RuleLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                return new RuleLoadResult([], [$"{path}: file is {info.Length} bytes, more than the limit of {MaxFileBytes}"]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RuleLoadResult([], [$"{path}: {ex.Message}"]);
        }

        return Parse(text, path);
    }

    /// <summary>Reads rule-file YAML; <paramref name="source"/> names it in errors and in the groups' <c>file</c>.</summary>
    public RuleLoadResult Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var (raw, decodeErrors) = RuleFileReader.Read(yaml);
        if (decodeErrors.Count > 0)
        {
            return new RuleLoadResult([], [.. decodeErrors.Select(e => $"{source}: {e}")]);
        }

        var (groups, errors) = new RuleFileValidator(promql).Validate(source, raw);
        return new RuleLoadResult(errors.Count > 0 ? [] : groups, errors);
    }
}
