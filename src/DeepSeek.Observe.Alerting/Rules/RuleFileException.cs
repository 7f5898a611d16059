namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>Rule files that do not load; the message lists every error, one per line, like <c>promtool check rules</c>.</summary>
public sealed class RuleFileException : Exception
{
    public RuleFileException()
    {
    }

    public RuleFileException(string message)
        : base(message)
    {
    }

    public RuleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleFileException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
