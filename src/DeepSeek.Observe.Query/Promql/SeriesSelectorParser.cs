using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Parses a series selector, the form <c>match[]</c> takes: <c>metric</c>, <c>metric{a="b", c=~"d.*"}</c> or
/// <c>{__name__="metric"}</c>, with PromQL's lexical rules and errors (it is <see cref="PromqlParser"/> restricted
/// to a plain instant vector selector, as Prometheus's ParseMetricSelector is). Like Prometheus, a selector must
/// have at least one matcher that does not match the empty string.
/// </summary>
public static class SeriesSelectorParser
{
    public static IReadOnlyList<LabelMatcher> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw NotASelector(text);
        }

        return PromqlParser.Parse(text) is VectorSelector { OffsetMs: 0, At: null } selector
            ? selector.Matchers
            : throw NotASelector(text);
    }

    private static PromqlParseException NotASelector(string text) => new($"parse error: \"{text}\" is not a series selector");
}
