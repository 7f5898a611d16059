namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>A template that does not parse, or one using Go template features the platform does not implement.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
