using DeepSeek.Observe.Host.Cli;

return await ObserveCommandLine.InvokeAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);

/// <summary>The entry point; public so WebApplicationFactory can name the assembly in tests.</summary>
public partial class Program;
