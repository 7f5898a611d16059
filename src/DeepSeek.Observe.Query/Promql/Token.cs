namespace DeepSeek.Observe.Query.Promql;

/// <summary>One lexical item: its kind, its source text and its 0-based offset in the query.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool IsOperator => Kind is >= TokenKind.Add and <= TokenKind.Unless || Kind == TokenKind.NotEqual;

    public bool IsKeyword => Kind is >= TokenKind.Offset and <= TokenKind.End;

    /// <summary>How Prometheus names the item in "unexpected ..." messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Identifier => $"identifier {Quote(Text)}",
        TokenKind.MetricIdentifier => $"metric identifier {Quote(Text)}",
        TokenKind.Number => $"number {Quote(Text)}",
        TokenKind.String => $"string {Quote(Text)}",
        TokenKind.Duration => $"duration {Quote(Text)}",
        TokenKind.Aggregator => $"<aggr:{Text}>",
        _ when IsOperator => $"<op:{Text}>",
        _ when IsKeyword => $"<{Text}>",
        _ => Quote(Text),
    };

    // Quoted as Go's %q does; long items are cut as Prometheus does, so a huge literal does not flood the message.
    private static string Quote(string text) =>
        text.Length > 10 ? StringLiteral.Quote(text[..10]) + "..." : StringLiteral.Quote(text);
}
