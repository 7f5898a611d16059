using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// A regular expression with RE2 syntax and Go's group numbering, anchored at both ends as Prometheus anchors label
/// regexes (<c>^(?:re)$</c>), with Go's <c>Regexp.Expand</c> for <c>$1</c> / <c>${1}</c> / <c>$name</c> templates.
/// Compile once per query evaluation and reuse across series and steps.
/// </summary>
public sealed class Re2Regex
{
    // A pathological pattern must not pin a query thread; RE2 is linear-time, .NET's backtracking engine is not.
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;
    private readonly List<string?> _groupNames;

    private Re2Regex(Regex regex, List<string?> groupNames)
    {
        _regex = regex;
        _groupNames = groupNames;
    }

    /// <summary>Compiles <paramref name="pattern"/> anchored; false when RE2 would reject it (or it uses untranslated syntax).</summary>
    public static bool TryCompileAnchored(string pattern, out Re2Regex? regex)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var (translated, names) = Re2Translator.Translate(pattern);
            regex = new Re2Regex(
                new Regex($"^(?:{translated})\\z", RegexOptions.CultureInvariant, s_matchTimeout),
                names);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            regex = null;
            return false;
        }
    }

    /// <summary>Matches the whole of <paramref name="input"/>; null when it does not match.</summary>
    public Match? Match(string input)
    {
        try
        {
            var match = _regex.Match(input);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new PromqlFunctionException("regular expression took too long to match", e);
        }
    }

    /// <summary>
    /// Go's Regexp.Expand: <c>$$</c> is a dollar; <c>$name</c> takes the longest run of letters, digits and
    /// underscores (so <c>$1x</c> names group "1x", which is empty); <c>${name}</c> delimits it; a number names a
    /// group by index, anything else a named group; an unknown or unmatched group expands to nothing; a <c>$</c>
    /// not followed by a valid name is kept literally.
    /// </summary>
    public string Expand(string template, Match match)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(match);
        var output = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }

            output.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                output.Append('$');
                i++;
                continue;
            }

            if (!TryReadName(template, i, out var name, out var next))
            {
                output.Append('$');
                continue;
            }

            i = next;
            var group = GroupIndex(name);
            if (group >= 0 && group < match.Groups.Count && match.Groups[group].Success)
            {
                output.Append(match.Groups[group].ValueSpan);
            }
        }

        return output.ToString();
    }

    private static bool TryReadName(string template, int start, out string name, out int next)
    {
        name = string.Empty;
        next = start;
        var brace = start < template.Length && template[start] == '{';
        var i = brace ? start + 1 : start;
        var nameStart = i;
        while (i < template.Length)
        {
            var rune = Rune.GetRuneAt(template, i);
            if (!(Rune.IsLetter(rune) || Rune.IsDigit(rune) || rune.Value == '_'))
            {
                break;
            }

            i += rune.Utf16SequenceLength;
        }

        if (i == nameStart)
        {
            return false;
        }

        name = template[nameStart..i];
        if (brace)
        {
            if (i >= template.Length || template[i] != '}')
            {
                return false;
            }

            i++;
        }

        next = i;
        return true;
    }

    /// <summary>The group a template name refers to: a plain number (no leading zero) by index, else by name; −1 if none.</summary>
    private int GroupIndex(string name)
    {
        var isNumber = name.Length <= 9 && (name.Length == 1 || name[0] != '0');
        var number = 0;
        foreach (var ch in name)
        {
            if (!char.IsAsciiDigit(ch))
            {
                isNumber = false;
                break;
            }

            number = (number * 10) + (ch - '0');
        }

        if (isNumber)
        {
            return number;
        }

        for (var g = 1; g < _groupNames.Count; g++)
        {
            if (_groupNames[g] == name)
            {
                return g;
            }
        }

        return -1;
    }
}
