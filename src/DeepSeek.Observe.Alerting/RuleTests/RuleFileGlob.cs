using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// Expands a <c>rule_files</c> pattern the way Go's filepath.Glob does for promtool: <c>*</c>, <c>?</c> and
/// <c>[...]</c> in any path segment, never crossing a <c>/</c>; matches sorted. A pattern that matches nothing yields
/// nothing (promtool warns and goes on), so callers report <see cref="Expand"/>'s empty result.
/// </summary>
public static class RuleFileGlob
{
    /// <summary>Bounds a pattern like <c>/**</c> walking a whole disk.</summary>
    public const int MaxMatches = 10_000;

    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!HasWildcard(pattern))
        {
            return File.Exists(pattern) ? [pattern] : [];
        }

        var root = Path.GetPathRoot(pattern) ?? string.Empty;
        var segments = pattern[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root.Length == 0 ? "." : root];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            current = HasWildcard(segment)
                ? current.SelectMany(dir => Matching(dir, segment, last))
                : current.Select(dir => Path.Combine(dir, segment)).Where(p => last ? File.Exists(p) : Directory.Exists(p));
        }

        var matches = current.Take(MaxMatches + 1).Select(p => root.Length == 0 && p.StartsWith("./", StringComparison.Ordinal) ? p[2..] : p).ToList();
        return matches.Count > MaxMatches
            ? throw new RuleTestFormatException($"rule_files pattern \"{pattern}\" matches more than {MaxMatches} files")
            : [.. matches.Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Matching(string directory, string segment, bool files)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var regex = new Regex(ToRegex(segment), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var entries = files ? Directory.EnumerateFiles(directory) : Directory.EnumerateDirectories(directory);
        return entries.Where(e => regex.IsMatch(Path.GetFileName(e))).Order(StringComparer.Ordinal);
    }

    private static bool HasWildcard(string text) => text.AsSpan().IndexOfAny("*?[") >= 0;

    private static string ToRegex(string segment)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = segment.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        throw new RuleTestFormatException($"syntax error in pattern \"{segment}\"");
                    }

                    var set = segment[(i + 1)..end];
                    regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]).Replace("\\-", "-", StringComparison.Ordinal) : Regex.Escape(set).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < segment.Length:
                    regex.Append(Regex.Escape(segment[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
