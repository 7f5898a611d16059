namespace DeepSeek.Observe.Detection.Logs;

/// <summary>The template a log message belongs to: a stable id and the template text with its variable parts as <c>&lt;*&gt;</c>.</summary>
public sealed record LogTemplateMatch(string TemplateId, string Template);
