using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Notifications.Matching;

/// <summary>
/// One label matcher (<c>name="value"</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) with Alertmanager's semantics: an absent
/// label reads as the empty string, and a regular expression must match the whole value.
/// </summary>
public sealed class Matcher
{
    // Prometheus's label matcher has the same semantics (absent reads as empty, anchored RE2-like expressions); this
    // adds Alertmanager's notation and API flags on top of it.
    private readonly LabelMatcher _matcher;

    private Matcher(MatcherType type, LabelMatcher matcher)
    {
        Type = type;
        _matcher = matcher;
    }

    public string Name => _matcher.Name;

    public MatcherType Type { get; }

    public string Value => _matcher.Value;

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

        var matchType = type switch
        {
            MatcherType.Equal => LabelMatchType.Equal,
            MatcherType.NotEqual => LabelMatchType.NotEqual,
            MatcherType.Regex => LabelMatchType.Regex,
            _ => LabelMatchType.NotRegex,
        };
        try
        {
            matcher = new Matcher(type, LabelMatcher.Create(name, matchType, value));
        }
        catch (ArgumentException ex)
        {
            error = $"invalid regular expression \"{value}\" for label \"{name}\": {ex.InnerException?.Message ?? ex.Message}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Builds a matcher; throws <see cref="ArgumentException"/> when it is invalid.</summary>
    public static Matcher Create(string name, MatcherType type, string value) =>
        TryCreate(name, type, value, out var matcher, out var error) ? matcher : throw new ArgumentException(error);

    /// <summary>Whether a label value (null: the label is absent, which reads as empty) satisfies the matcher.</summary>
    public bool Matches(string? value) => _matcher.Matches(value);

    /// <summary>Whether the label set satisfies the matcher.</summary>
    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return _matcher.Matches(labels);
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
