using DeepSeek.Observe.Alerting;
using DeepSeek.Observe.Alerting.Rules.Hosting;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Forwarding;
using DeepSeek.Observe.Messaging;
using DeepSeek.Observe.Scrape;
using DeepSeek.Observe.Simulation.Demo;
using DeepSeek.Observe.Storage;

namespace DeepSeek.Observe.Host;

/// <summary>What <c>serve</c> was told, after defaults and environment fallbacks, already validated.</summary>
/// <param name="Urls">Addresses to listen on.</param>
/// <param name="DataDirectory">Embedded store and local state.</param>
/// <param name="Postgres">Npgsql connection string, or null for the embedded store.</param>
/// <param name="RabbitMq">AMQP URI, or null for the in-memory bus.</param>
/// <param name="ScrapeConfig">Prometheus-format scrape configuration file, or null to scrape nothing.</param>
public sealed record ServeSettings(IReadOnlyList<Uri> Urls, string DataDirectory, string? Postgres, string? RabbitMq, string? ScrapeConfig = null)
{
    /// <summary>How long samples are kept; null keeps the store's default.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>Whether the simulated demo fleet runs inside the platform, feeding its first listen address.</summary>
    public bool Demo { get; init; }

    /// <summary>Rule-file paths or globs to evaluate (<c>serve --rules</c>); empty: no rules.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];
    /// <summary>Alertmanager-format notification configuration file; null keeps alerts without notifying anyone.</summary>
    public string? NotificationConfig { get; init; }
    /// <summary>Alertmanagers that evaluated alerts are also forwarded to (<c>--alertmanager</c>).</summary>
    public IReadOnlyList<Uri> AlertmanagerUrls { get; init; } = [];

    /// <summary>The configuration keys components bind their options from.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() =>
    [
        KeyValuePair.Create<string, string?>($"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}", DataDirectory),
        KeyValuePair.Create($"{StorageOptions.SectionName}:{nameof(StorageOptions.Postgres)}", Postgres),
        KeyValuePair.Create($"{MessagingOptions.SectionName}:{nameof(MessagingOptions.RabbitMq)}", RabbitMq),
        KeyValuePair.Create($"{ScrapeOptions.SectionName}:{nameof(ScrapeOptions.ConfigFile)}", ScrapeConfig),
        .. NotificationConfig is { } notificationConfig
            ? [KeyValuePair.Create<string, string?>($"{AlertingOptions.SectionName}:{nameof(NotificationOptions.NotificationConfigFile)}", notificationConfig)]
            : Array.Empty<KeyValuePair<string, string?>>(),
        .. Retention is { } retention
            ? [KeyValuePair.Create<string, string?>($"{StorageOptions.SectionName}:{nameof(StorageOptions.Retention)}", retention.ToString("c", System.Globalization.CultureInfo.InvariantCulture))]
            : Array.Empty<KeyValuePair<string, string?>>(),
        .. RuleFiles.Select((pattern, i) => KeyValuePair.Create<string, string?>(
            $"{AlertingOptions.SectionName}:{nameof(RuleEvaluationOptions.RuleFiles)}:{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}", pattern)),
        .. Demo
            ? [KeyValuePair.Create<string, string?>($"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}", "true"),
               KeyValuePair.Create<string, string?>($"{DemoOptions.SectionName}:{nameof(DemoOptions.RemoteWriteUrl)}", LoopbackUrl(Urls[0]) + "api/v1/write"),
               KeyValuePair.Create<string, string?>($"{DemoOptions.SectionName}:{nameof(DemoOptions.OtlpUrl)}", LoopbackUrl(Urls[0]))]
            : Array.Empty<KeyValuePair<string, string?>>(),
        .. AlertmanagerUrls.Select((url, i) => KeyValuePair.Create<string, string?>(
            $"{AlertingOptions.SectionName}:{nameof(AlertmanagerForwardingOptions.AlertmanagerUrls)}:{i}", url.ToString())),
    ];

    // A wildcard listen address is reached on loopback.
    private static string LoopbackUrl(Uri url) =>
        url.OriginalString.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal).TrimEnd('/') + "/";
}
