namespace DeepSeek.Observe.Detection.Logs;

/// <summary>Online template mining: each message joins (and may generalise) a template or starts a new one.</summary>
public interface ILogTemplateMiner
{
    /// <summary>Adds a message and returns its template.</summary>
    LogTemplateMatch Add(string message);
}
