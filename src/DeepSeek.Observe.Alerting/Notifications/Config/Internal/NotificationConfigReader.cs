using DeepSeek.Observe.Alerting.Notifications.Matching;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.Notifications.Config.Internal;

/// <summary>
/// Reads Alertmanager's configuration format from the YAML node tree (not a serializer), so every error can point at
/// a line and every key is checked; defaults and validation follow Alertmanager 0.25's <c>config</c> package.
/// </summary>
internal sealed class NotificationConfigReader(string source)
{
    private readonly YamlReader _yaml = new(source);

    public NotificationConfig Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw _yaml.Error(ex.Start, $"not valid YAML: {(ex.InnerException ?? ex).Message}");
        }

        if (stream.Documents.Count == 0 || YamlReader.IsNull(stream.Documents[0].RootNode))
        {
            // Alertmanager refuses an empty file: without a route no alert can go anywhere.
            throw _yaml.Error("no route provided in config");
        }

        if (stream.Documents.Count > 1)
        {
            throw _yaml.Error(stream.Documents[1].RootNode, "(file)", "expected one YAML document");
        }

        var resolveTimeout = NotificationConfig.DefaultResolveTimeout;
        YamlNode? route = null;
        var receivers = new Dictionary<string, ReceiverConfig>(StringComparer.Ordinal);
        var inhibitRules = new List<InhibitRuleConfig>();
        foreach (var (key, keyNode, value) in _yaml.Entries(stream.Documents[0].RootNode, "(file)"))
        {
            switch (key)
            {
                case "global":
                    resolveTimeout = ReadGlobal(value);
                    break;
                case "route":
                    route = value;
                    break;
                case "receivers":
                    ReadReceivers(value, receivers);
                    break;
                case "inhibit_rules":
                    var index = 0;
                    foreach (var rule in _yaml.OptionalSequence(value, "inhibit_rules"))
                    {
                        inhibitRules.Add(ReadInhibitRule(rule, $"inhibit_rules[{index++}]"));
                    }

                    break;
                case "templates" when YamlReader.IsNull(value) || value is YamlSequenceNode { Children.Count: 0 }:
                    break;
                default:
                    throw UnknownSetting(keyNode, key, "(file)", AlertmanagerSettings.TopLevel);
            }
        }

        if (route is null || YamlReader.IsNull(route))
        {
            throw _yaml.Error("no routes provided");
        }

        var root = new RouteReader(_yaml, receivers).ReadRoot(route);
        return new NotificationConfig(resolveTimeout, root, receivers, inhibitRules, text);
    }

    private TimeSpan ReadGlobal(YamlNode node)
    {
        var resolveTimeout = NotificationConfig.DefaultResolveTimeout;
        foreach (var (key, keyNode, value) in _yaml.Entries(node, "global"))
        {
            if (key != "resolve_timeout")
            {
                throw UnknownSetting(keyNode, key, "global", AlertmanagerSettings.Global);
            }

            resolveTimeout = _yaml.Duration(value, "global.resolve_timeout");
            if (resolveTimeout <= TimeSpan.Zero)
            {
                throw _yaml.Error(value, "global.resolve_timeout", "resolve_timeout cannot be zero");
            }
        }

        return resolveTimeout;
    }

    private void ReadReceivers(YamlNode node, Dictionary<string, ReceiverConfig> receivers)
    {
        var index = 0;
        foreach (var entry in _yaml.OptionalSequence(node, "receivers"))
        {
            var path = $"receivers[{index++}]";
            string? name = null;
            var webhooks = new List<WebhookEndpoint>();
            foreach (var (key, keyNode, value) in _yaml.Entries(entry, path))
            {
                switch (key)
                {
                    case "name":
                        name = _yaml.String(value, $"{path}.name");
                        break;
                    case "webhook_configs":
                        var w = 0;
                        foreach (var webhook in _yaml.OptionalSequence(value, $"{path}.webhook_configs"))
                        {
                            webhooks.Add(ReadWebhook(webhook, $"{path}.webhook_configs[{w++}]"));
                        }

                        break;
                    default:
                        throw UnknownSetting(keyNode, key, path, AlertmanagerSettings.Receiver, "only webhook_configs are delivered");
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                throw _yaml.Error(entry, path, "missing name in receiver");
            }

            if (!receivers.TryAdd(name, new ReceiverConfig(name, webhooks)))
            {
                throw _yaml.Error(entry, path, $"notification config name \"{name}\" is not unique");
            }
        }
    }

    private WebhookEndpoint ReadWebhook(YamlNode node, string path)
    {
        Uri? url = null;
        var sendResolved = true;
        var maxAlerts = 0;
        foreach (var (key, keyNode, value) in _yaml.Entries(node, path))
        {
            switch (key)
            {
                case "url":
                    var text = _yaml.String(value, $"{path}.url");
                    url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && !string.IsNullOrEmpty(parsed.Host)
                        ? parsed
                        : throw _yaml.Error(value, $"{path}.url", $"\"{text}\" is not an http or https URL");
                    break;
                case "send_resolved":
                    sendResolved = _yaml.Boolean(value, $"{path}.send_resolved");
                    break;
                case "max_alerts":
                    maxAlerts = _yaml.NonNegativeInt(value, $"{path}.max_alerts");
                    break;
                case "http_config" when YamlReader.IsNull(value):
                    break;
                default:
                    throw UnknownSetting(keyNode, key, path, AlertmanagerSettings.Webhook);
            }
        }

        return url is null
            ? throw _yaml.Error(node, path, "one of url or url_file must be configured")
            : new WebhookEndpoint(url, sendResolved, maxAlerts);
    }

    private InhibitRuleConfig ReadInhibitRule(YamlNode node, string path)
    {
        var source = new List<Matcher>();
        var target = new List<Matcher>();
        var equal = new List<string>();
        foreach (var (key, keyNode, value) in _yaml.Entries(node, path))
        {
            switch (key)
            {
                case "source_matchers":
                    source.AddRange(_yaml.Matchers(value, $"{path}.source_matchers"));
                    break;
                case "target_matchers":
                    target.AddRange(_yaml.Matchers(value, $"{path}.target_matchers"));
                    break;
                case "source_match":
                    source.AddRange(_yaml.MatchMap(value, $"{path}.source_match", MatcherType.Equal));
                    break;
                case "source_match_re":
                    source.AddRange(_yaml.MatchMap(value, $"{path}.source_match_re", MatcherType.Regex));
                    break;
                case "target_match":
                    target.AddRange(_yaml.MatchMap(value, $"{path}.target_match", MatcherType.Equal));
                    break;
                case "target_match_re":
                    target.AddRange(_yaml.MatchMap(value, $"{path}.target_match_re", MatcherType.Regex));
                    break;
                case "equal":
                    foreach (var name in _yaml.OptionalSequence(value, $"{path}.equal"))
                    {
                        equal.Add(_yaml.LabelName(name, $"{path}.equal"));
                    }

                    break;
                default:
                    throw UnknownSetting(keyNode, key, path, new HashSet<string>());
            }
        }

        return new InhibitRuleConfig(source, target, equal);
    }

    private NotificationConfigException UnknownSetting(
        YamlNode keyNode, string key, string path, IReadOnlySet<string> alertmanagerSettings, string? why = null) =>
        _yaml.Error(keyNode, path, alertmanagerSettings.Contains(key)
            ? $"\"{key}\" is an Alertmanager setting that deepseek-observe does not support{(why is null ? string.Empty : $" ({why})")}; remove it"
            : $"unknown setting \"{key}\"");
}
