namespace DeepSeek.Observe.Core.Series;

/// <summary>The four label matcher operators of PromQL selectors and the series API's <c>match[]</c>.</summary>
public enum LabelMatchType
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>=~</c>, fully anchored.</summary>
    Regex,

    /// <summary><c>!~</c>, fully anchored.</summary>
    NotRegex,
}
