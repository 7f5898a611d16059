using System.CommandLine;

namespace DeepSeek.Observe.Host.Cli;

/// <summary><c>deepseek-observe serve</c>: runs the platform until SIGINT/SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<string, string?> environment)
    {
        var command = new Command("serve", "Run the platform: HTTP API, receivers, scraper, store and bus.")
        {
            ConnectionOptions.Urls,
            ConnectionOptions.Data,
            ConnectionOptions.Postgres,
            ConnectionOptions.RabbitMq,
            ConnectionOptions.Retention,
            ConnectionOptions.ScrapeConfigFile,
            ConnectionOptions.Rules,
            ConnectionOptions.NotificationConfigFile,
            ConnectionOptions.Demo,
            ConnectionOptions.Alertmanagers,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = ConnectionOptions.ResolveServe(result, environment);
            using var host = ObserveHost.CreateBuilder(settings).Build();

            // The host's own console lifetime handles SIGINT/SIGTERM and drains gracefully; the token only covers
            // cancellation requested by the caller.
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });

        return command;
    }
}
