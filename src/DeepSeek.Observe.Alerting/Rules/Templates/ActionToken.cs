namespace DeepSeek.Observe.Alerting.Rules.Templates;

internal enum ActionTokenKind
{
    Identifier,
    Field,
    Variable,
    String,
    Number,
    LeftParen,
    RightParen,
    Pipe,
    Declare,
    Assign,
    Comma,
}

/// <summary>One token inside <c>{{ }}</c>. <see cref="Path"/> holds the field chain of a field or variable token.</summary>
internal sealed record ActionToken(ActionTokenKind Kind, string Text, IReadOnlyList<string> Path, object? Constant = null);
