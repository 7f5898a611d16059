using System.Text;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Matching;

/// <summary>
/// One label matcher (<c>name="value"</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) with Alertmanager's semantics: an absent
/// label reads as the empty string, and a regular expression must match the whole value.
/// </summary>
public sealed class Matcher
{
    // Regular expressions come from configuration files and API calls: the non-backtracking engine keeps matching
    // linear in the value's length (as Go's RE2 does) and rejects what RE2 lacks (back-references, look-arounds).
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly Regex? _regex;

    private Matcher(string name, MatcherType type, string value, Regex? regex)
    {
        Name = name;
        Type = type;
        Value = value;
        _regex = regex;
    }

    public string Name { get; }

    public MatcherType Type { get; }

    public string Value { get; }

    /// <summary>Whether the operator is <c>=~</c> or <c>!~</c>.</summary>
    public bool IsRegex => Type is MatcherType.Regex or MatcherType.NotRegex;

    /// <summary>Whether the operator is <c>=</c> or <c>=~</c> (the API's <c>isEqual</c>).</summary>
    public bool IsEqual => Type is MatcherType.Equal or MatcherType.Regex;

    /// <summary>Builds a matcher, reporting an invalid name or regular expression instead of throwing.</summary>
    public static bool TryCreate(string name, MatcherType type, string value, out Matcher matcher, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        matcher = null!;
        if (!LabelNames.IsValidLabelName(name))
        {
            error = $"invalid label name \"{name}\"";
            return false;
        }

        Regex? regex = null;
        if (type is MatcherType.Regex or MatcherType.NotRegex)
        {
            try
            {
                regex = new Regex($"^(?:{value})$", Options, TimeSpan.FromSeconds(1));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                error = $"invalid regular expression \"{value}\" for label \"{name}\": {ex.Message}";
                return false;
            }
        }

        matcher = new Matcher(name, type, value, regex);
        error = null;
        return true;
    }

    /// <summary>Builds a matcher; throws <see cref="ArgumentException"/> when it is invalid.</summary>
    public static Matcher Create(string name, MatcherType type, string value) =>
        TryCreate(name, type, value, out var matcher, out var error) ? matcher : throw new ArgumentException(error);

    /// <summary>Whether a label value (null: the label is absent, which reads as empty) satisfies the matcher.</summary>
    public bool Matches(string? value)
    {
        value ??= string.Empty;
        return Type switch
        {
            MatcherType.Equal => value == Value,
            MatcherType.NotEqual => value != Value,
            MatcherType.Regex => _regex!.IsMatch(value),
            _ => !_regex!.IsMatch(value),
        };
    }

    /// <summary>Whether the label set satisfies the matcher.</summary>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Matches(labels[Name]);
    }

    /// <summary>The operator as written in configuration.</summary>
    public string Operator => Type switch
    {
        MatcherType.Equal => "=",
        MatcherType.NotEqual => "!=",
        MatcherType.Regex => "=~",
        _ => "!~",
    };

    /// <summary>Alertmanager's notation, <c>name="value"</c>, used in group keys.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(Operator).Append('"');
        foreach (var c in Value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
