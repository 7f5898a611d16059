namespace DeepSeek.Observe.Query.Promql;

/// <summary>The lexical items of PromQL, as Prometheus's lexer distinguishes them.</summary>
internal enum TokenKind
{
    EndOfInput,
    Identifier,
    MetricIdentifier,
    Number,
    String,
    Duration,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,

    // Label matching operators; != doubles as the comparison operator.
    Assign,
    NotEqual,
    RegexMatch,
    RegexNoMatch,

    // Binary operators.
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    EqualEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
    Unless,

    // One kind for all aggregation operators; the lowercased text says which.
    Aggregator,

    // Keywords.
    Offset,
    By,
    Without,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Bool,
    Start,
    End,
}
