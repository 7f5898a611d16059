using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>
/// An instant vector selector: <c>metric{label="value"} @ t offset d</c>. <see cref="Matchers"/> holds every
/// condition, including <c>__name__="metric"</c> for a name written before the braces (first in the list).
/// </summary>
public sealed record VectorSelector(string Name, IReadOnlyList<LabelMatcher> Matchers) : Expr
{
    /// <summary>Offset in milliseconds (negative looks ahead), 0 when absent.</summary>
    public long OffsetMs { get; init; }

    public AtModifier? At { get; init; }

    public override PromqlValueType Type => PromqlValueType.Vector;

    public override string ToString() => SelectorText() + AtModifier.Suffix(At, OffsetMs);

    /// <summary>The selector without its modifiers; a range goes between the two.</summary>
    internal string SelectorText()
    {
        var labels = Matchers
            .Where(m => !(m.Name == LabelNames.MetricName && m.Type == LabelMatchType.Equal && m.Value == Name))
            .Select(m => m.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        return labels.Count == 0 ? Name : $"{Name}{{{string.Join(',', labels)}}}";
    }
}
