using System.CommandLine;
using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Messaging;
using DeepSeek.Observe.Scrape;
using DeepSeek.Observe.Storage;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// The options every server-facing command shares. Each falls back to an environment variable (for containers and
/// systemd units) and then to a default; a value from either source is validated the same way.
/// </summary>
internal static class ConnectionOptions
{
    public const string DefaultUrl = "http://127.0.0.1:9470";
    public const string DefaultDataDirectory = "./data";

    public static readonly Option<string> Urls = new("--urls")
    {
        Description = $"Addresses to listen on, separated by ';' [env OBSERVE_URLS; default {DefaultUrl}]",
        HelpName = "URL",
    };

    public static readonly Option<string> Data = new("--data")
    {
        Description = $"Directory of the embedded store and local state [env OBSERVE_DATA; default {DefaultDataDirectory}]",
        HelpName = "DIR",
    };

    public static readonly Option<string> Postgres = new("--postgres")
    {
        Description = "Npgsql connection string; PostgreSQL becomes the store instead of the embedded one [env OBSERVE_POSTGRES]",
        HelpName = "CONNSTR",
    };

    public static readonly Option<string> RabbitMq = new("--rabbitmq")
    {
        Description = "AMQP URI of RabbitMQ; without it the in-memory bus is used [env OBSERVE_RABBITMQ]",
        HelpName = "URI",
    };

    public static readonly Option<string> Retention = new("--retention")
    {
        Description = "How long to keep samples, in Prometheus duration syntax (e.g. 15d, 12h, 1w) [env OBSERVE_RETENTION; default 15d]",
        HelpName = "DURATION",
    };

    public static readonly Option<string> ScrapeConfigFile = new("--scrape-config")
    {
        Description = "Prometheus-format configuration file (global, scrape_configs with static_configs) of targets to scrape [env OBSERVE_SCRAPE_CONFIG]",
        HelpName = "FILE",
    };

    public static readonly Option<string[]> Rules = new("--rules")
    {
        Description = "Prometheus-format rule files to evaluate, as paths or globs (e.g. 'alert-rules/*.yml'); repeatable [env OBSERVE_RULES, ';'-separated]",
        HelpName = "GLOB",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string> NotificationConfigFile = new("--notification-config")
    {
        Description = "Alertmanager-format configuration file (route tree, receivers with webhook_configs, inhibit_rules) of where alerts are notified [env OBSERVE_NOTIFICATION_CONFIG]",
        HelpName = "FILE",
    };

    public static readonly Option<bool> Demo = new("--demo")
    {
        Description = "Also run a simulated 16-node GPU fleet that feeds the platform through its own receivers and injects a random fault every 5 minutes (env Demo__Nodes, Demo__FaultEvery, Demo__Seed tune it)",
    };

    public static readonly Option<string[]> Alertmanagers = new("--alertmanager")
    {
        Description = "Alertmanager base URL to forward alerts to (its /api/v2/alerts); repeatable [env OBSERVE_ALERTMANAGERS, ';'-separated]",
        HelpName = "URL",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The value given on the command line, else the environment variable's, else null.</summary>
    public static string? Resolve(ParseResult result, Option<string> option, string variable, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(result);
        var value = result.GetValue(option);
        return string.IsNullOrWhiteSpace(value) ? NullIfBlank(environment(variable)) : value;
    }

    /// <summary>Resolves and validates <c>serve</c>'s settings; throws <see cref="UsageException"/> naming the bad option.</summary>
    public static ServeSettings ResolveServe(ParseResult result, Func<string, string?> environment) =>
        new(
            ParseUrls(Resolve(result, Urls, "OBSERVE_URLS", environment) ?? DefaultUrl),
            ValidateDataDirectory(Resolve(result, Data, "OBSERVE_DATA", environment) ?? DefaultDataDirectory),
            ValidatePostgres(Resolve(result, Postgres, "OBSERVE_POSTGRES", environment)),
            ValidateRabbitMq(Resolve(result, RabbitMq, "OBSERVE_RABBITMQ", environment)),
            ValidateScrapeConfig(Resolve(result, ScrapeConfigFile, "OBSERVE_SCRAPE_CONFIG", environment)))
        {
            Retention = ParseRetention(Resolve(result, Retention, "OBSERVE_RETENTION", environment)),
            Demo = result.GetValue(Demo),
            RuleFiles = ResolveRules(result, environment),
            NotificationConfig = ValidateNotificationConfig(Resolve(result, NotificationConfigFile, "OBSERVE_NOTIFICATION_CONFIG", environment)),
            AlertmanagerUrls = ParseAlertmanagers(
                result.GetValue(Alertmanagers) is { Length: > 0 } given ? given : environment("OBSERVE_ALERTMANAGERS")?.Split(';') ?? []),
        };

    /// <summary>The rule-file globs from <c>--rules</c> (repeatable), else from <c>OBSERVE_RULES</c> (';'-separated).</summary>
    public static IReadOnlyList<string> ResolveRules(ParseResult result, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        var given = result.GetValue(Rules) ?? [];
        var patterns = given.Length > 0
            ? given
            : (environment("OBSERVE_RULES") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return patterns.Any(string.IsNullOrWhiteSpace)
            ? throw new UsageException("--rules (or OBSERVE_RULES): an empty rule-file pattern was given")
            : patterns;
    }

    /// <summary>Alertmanager base URLs: absolute http(s), no query; the path is kept (an Alertmanager behind a route prefix).</summary>
    public static IReadOnlyList<Uri> ParseAlertmanagers(IEnumerable<string> values)
    {
        var urls = new List<Uri>();
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
            {
                throw new UsageException($"--alertmanager (or OBSERVE_ALERTMANAGERS): '{value}' is not an Alertmanager URL; expected e.g. http://127.0.0.1:9093");
            }

            urls.Add(uri);
        }

        return urls;
    }

    /// <summary>A retention in Prometheus duration syntax, from one minute up to a hundred years.</summary>
    public static TimeSpan? ParseRetention(string? value) =>
        value is null ? null
        : PrometheusDuration.TryParse(value, out var retention) && retention >= TimeSpan.FromMinutes(1) && retention <= TimeSpan.FromDays(36500) ? retention
        : throw new UsageException($"--retention (or OBSERVE_RETENTION): '{value}' is not a duration between 1m and 100y (e.g. 15d, 12h, 2w)");

    /// <summary>
    /// Parses a ';'-separated list of http(s) listen addresses. Kestrel's wildcard hosts (<c>*</c>, <c>+</c>) are
    /// accepted; anything else must be an absolute URL with a host and a port in range.
    /// </summary>
    public static IReadOnlyList<Uri> ParseUrls(string value)
    {
        var urls = new List<Uri>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var checkable = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
                .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(checkable, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || string.IsNullOrEmpty(uri.Host)
                || uri.AbsolutePath != "/")
            {
                throw new UsageException(
                    $"--urls (or OBSERVE_URLS): '{part}' is not a listen address; expected e.g. {DefaultUrl}");
            }

            urls.Add(new Uri(part, UriKind.Absolute));
        }

        return urls.Count > 0
            ? urls
            : throw new UsageException($"--urls (or OBSERVE_URLS): no address given; expected e.g. {DefaultUrl}");
    }

    public static string? ValidatePostgres(string? value) =>
        value is null || PostgresConnectionString.TryValidate(value, out var error)
            ? value
            : throw new UsageException($"--postgres (or OBSERVE_POSTGRES): {error}");

    public static string? ValidateRabbitMq(string? value) =>
        value is null || RabbitMqAddress.TryParse(value, out _, out var error)
            ? value
            : throw new UsageException($"--rabbitmq (or OBSERVE_RABBITMQ): {error}");

    /// <summary>Reads the whole file now, so a mistake in it is a one-line usage error naming the line, not a failed start.</summary>
    public static string? ValidateScrapeConfig(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            ScrapeConfig.Load(path);
            return path;
        }
        catch (ScrapeConfigException ex)
        {
            throw new UsageException($"--scrape-config (or OBSERVE_SCRAPE_CONFIG): {ex.Message}");
        }
    }

    /// <summary>Reads the whole file now, so a mistake in it is a one-line usage error naming the line, not a failed start.</summary>
    public static string? ValidateNotificationConfig(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            NotificationConfig.Load(path);
            return path;
        }
        catch (NotificationConfigException ex)
        {
            throw new UsageException($"--notification-config (or OBSERVE_NOTIFICATION_CONFIG): {ex.Message}");
        }
    }

    private static string ValidateDataDirectory(string value) =>
        value.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) < 0
            ? value
            : throw new UsageException($"--data (or OBSERVE_DATA): '{value}' is not a valid path");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
