using DeepSeek.Observe.Alerting.Notifications.Config.Internal;

namespace DeepSeek.Observe.Alerting.Notifications.Config;

/// <summary>
/// The part of Alertmanager 0.25's configuration file the platform acts on: <c>global.resolve_timeout</c>, the
/// <c>route</c> tree, <c>receivers</c> with <c>webhook_configs</c>, and <c>inhibit_rules</c>. An Alertmanager setting
/// the platform lacks is an error at start-up, never silently ignored.
/// </summary>
/// <param name="ResolveTimeout">How long an alert without endsAt stays firing after it was last received.</param>
/// <param name="Route">The routing tree's root.</param>
/// <param name="Receivers">Receivers by name.</param>
/// <param name="InhibitRules">Inhibition rules, in file order.</param>
/// <param name="Original">The file's text (served by <c>/api/v2/status</c>).</param>
public sealed record NotificationConfig(
    TimeSpan ResolveTimeout,
    RouteConfig Route,
    IReadOnlyDictionary<string, ReceiverConfig> Receivers,
    IReadOnlyList<InhibitRuleConfig> InhibitRules,
    string Original)
{
    public static readonly TimeSpan DefaultResolveTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The receiver of the configuration used when no file is given: it notifies no one.</summary>
    public const string DefaultReceiverName = "default";

    /// <summary>
    /// The configuration without a file: every alert is kept, grouped and visible through the API, and goes to a
    /// receiver without integrations.
    /// </summary>
    public static NotificationConfig Default { get; } = new(
        DefaultResolveTimeout,
        new RouteConfig(
            DefaultReceiverName, [], false, [], false,
            RouteConfig.DefaultGroupWait, RouteConfig.DefaultGroupInterval, RouteConfig.DefaultRepeatInterval, []),
        new Dictionary<string, ReceiverConfig>(StringComparer.Ordinal) { [DefaultReceiverName] = new(DefaultReceiverName, []) },
        [],
        string.Empty);

    /// <summary>Reads and validates a file; throws <see cref="NotificationConfigException"/> naming the file, line and setting.</summary>
    public static NotificationConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new NotificationConfigException($"{path}: cannot read the notification configuration: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static NotificationConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new NotificationConfigReader(source).Read(yaml);
    }
}
