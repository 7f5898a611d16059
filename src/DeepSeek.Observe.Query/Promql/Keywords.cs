namespace DeepSeek.Observe.Query.Promql;

/// <summary>PromQL's reserved words; Prometheus looks them up case-insensitively (<c>SUM</c>, <c>And</c>, <c>Inf</c>).</summary>
internal static class Keywords
{
    private static readonly Dictionary<string, TokenKind> s_words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["unless"] = TokenKind.Unless,
        ["atan2"] = TokenKind.Atan2,
        ["sum"] = TokenKind.Aggregator,
        ["avg"] = TokenKind.Aggregator,
        ["count"] = TokenKind.Aggregator,
        ["min"] = TokenKind.Aggregator,
        ["max"] = TokenKind.Aggregator,
        ["group"] = TokenKind.Aggregator,
        ["stddev"] = TokenKind.Aggregator,
        ["stdvar"] = TokenKind.Aggregator,
        ["topk"] = TokenKind.Aggregator,
        ["bottomk"] = TokenKind.Aggregator,
        ["count_values"] = TokenKind.Aggregator,
        ["quantile"] = TokenKind.Aggregator,
        ["offset"] = TokenKind.Offset,
        ["by"] = TokenKind.By,
        ["without"] = TokenKind.Without,
        ["on"] = TokenKind.On,
        ["ignoring"] = TokenKind.Ignoring,
        ["group_left"] = TokenKind.GroupLeft,
        ["group_right"] = TokenKind.GroupRight,
        ["bool"] = TokenKind.Bool,
        ["start"] = TokenKind.Start,
        ["end"] = TokenKind.End,
        ["inf"] = TokenKind.Number,
        ["nan"] = TokenKind.Number,
    };

    public static bool TryGet(string word, out TokenKind kind) => s_words.TryGetValue(word, out kind);
}
