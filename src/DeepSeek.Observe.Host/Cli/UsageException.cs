namespace DeepSeek.Observe.Host.Cli;

/// <summary>An option value is wrong; the message names the option and is printed as is, with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
