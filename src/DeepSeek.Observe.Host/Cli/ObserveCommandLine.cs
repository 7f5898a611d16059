using System.CommandLine;
using DeepSeek.Observe.Scrape;
using DeepSeek.Observe.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// The command tree and its error policy: a wrong command line or setting prints one line and exits 2; a failure
/// while running (port in use, database unreachable) prints one line and exits 1; never a stack trace.
/// </summary>
internal static class ObserveCommandLine
{
    public const string Name = "deepseek-observe";

    public static RootCommand Create(TextWriter output, Func<string, string?> environment, TextWriter? error = null) =>
        new("DeepSeek.Observe: observability and AIOps for GPU clusters that train and serve large models.")
        {
            ServeCommand.Create(environment),
            DbCommand.Create(output, environment),
            BenchCommand.Create(output),
            SimulateCommand.Create(output),
            RulesCommand.Create(output, error ?? output),
        };

    public static async Task<int> InvokeAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var result = Create(output, environment, error).Parse(args);
        if (result.Errors.Count > 0)
        {
            var messages = string.Join("; ", result.Errors.Select(e => e.Message.TrimEnd('.')));
            await error.WriteLineAsync($"{Name}: {messages} (see '{Name} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    ProcessTerminationTimeout = null,
                    EnableDefaultExceptionHandler = false,
                },
                cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"{Name}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (ScrapeConfigException ex)
        {
            await error.WriteLineAsync($"{Name}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"{Name}: invalid configuration: {string.Join("; ", ex.Failures)}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is StoreStartupException or NpgsqlException or IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"{Name}: {OneLine(ex)}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.InnerException is { } inner && ex is not StoreStartupException
            ? $"{ex.Message} ({inner.Message})"
            : ex.Message;
        return message.ReplaceLineEndings(" ");
    }
}
