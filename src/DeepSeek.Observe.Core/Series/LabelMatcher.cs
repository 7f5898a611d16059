using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// One condition on a label, with Prometheus's semantics: a missing label has the empty value (so <c>pod=""</c>
/// matches series without <c>pod</c>), and regular expressions are fully anchored (<c>=~"gpu"</c> does not match
/// <c>"gpu0"</c>).
/// </summary>
public sealed class LabelMatcher
{
    // Prometheus uses RE2 (linear time); .NET's non-backtracking engine gives the same guarantee against
    // pathological patterns in user-supplied selectors.
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private static readonly TimeSpan s_compileLimit = TimeSpan.FromSeconds(1);

    private readonly Regex? _regex;

    private LabelMatcher(string name, LabelMatchType type, string value, Regex? regex)
    {
        Name = name;
        Type = type;
        Value = value;
        _regex = regex;
    }

    public string Name { get; }

    public LabelMatchType Type { get; }

    public string Value { get; }

    /// <summary>Builds a matcher; throws <see cref="ArgumentException"/> with the reason for a bad regular expression.</summary>
    public static LabelMatcher Create(string name, LabelMatchType type, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Regex? regex = null;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            try
            {
                regex = new Regex($"^(?:{value})$", Options, s_compileLimit);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"invalid regular expression \"{value}\" for label {name}: {ex.Message}", nameof(value), ex);
            }
        }

        return new LabelMatcher(name, type, value, regex);
    }

    /// <summary>Whether a label value (null when the label is absent) satisfies the matcher.</summary>
    public bool Matches(string? value)
    {
        value ??= string.Empty;
        return Type switch
        {
            LabelMatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
            LabelMatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
            LabelMatchType.Regex => _regex!.IsMatch(value),
            LabelMatchType.NotRegex => !_regex!.IsMatch(value),
            _ => false,
        };
    }

    /// <summary>Whether a series satisfies the matcher.</summary>
    public bool Matches(LabelSet series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Matches(series[Name]);
    }

    /// <summary>Whether the matcher accepts the empty value, i.e. also selects series that lack the label.</summary>
    public bool MatchesEmpty => Matches(string.Empty);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        LabelMatchType.Equal => $"{Name}=\"{LabelNames.EscapeValue(Value)}\"",
        LabelMatchType.NotEqual => $"{Name}!=\"{LabelNames.EscapeValue(Value)}\"",
        LabelMatchType.Regex => $"{Name}=~\"{LabelNames.EscapeValue(Value)}\"",
        _ => $"{Name}!~\"{LabelNames.EscapeValue(Value)}\"",
    };
}
