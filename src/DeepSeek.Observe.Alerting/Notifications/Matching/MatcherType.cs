namespace DeepSeek.Observe.Alerting.Notifications.Matching;

/// <summary>The four operators of Alertmanager's label matchers.</summary>
public enum MatcherType
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>=~</c>: the whole value matches the regular expression.</summary>
    Regex,

    /// <summary><c>!~</c></summary>
    NotRegex,
}
