namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>
/// Prometheus's <c>rule_files</c> globbing (Go's filepath.Glob): wildcards in the last path element only, matches
/// sorted, a pattern that matches nothing is not an error; a path without wildcards is the file itself.
/// </summary>
internal static class RuleFileGlob
{
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return [pattern];
        }

        var directory = Path.GetDirectoryName(pattern);
        var name = Path.GetFileName(pattern);
        if (!string.IsNullOrEmpty(directory) && directory.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw new ArgumentException($"wildcards are supported in the file name only, not in the directory '{directory}'");
        }

        var root = string.IsNullOrEmpty(directory) ? "." : directory;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var files = Directory.GetFiles(root, name, new EnumerationOptions { MatchType = MatchType.Simple, RecurseSubdirectories = false })
            .Select(f => string.IsNullOrEmpty(directory) ? Path.GetFileName(f) : f)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
