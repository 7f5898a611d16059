using DeepSeek.Observe.Alerting.Notifications.Matching;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.Notifications.Config.Internal;

/// <summary>
/// Reads the routing tree: children inherit receiver, group_by and the three intervals from their parent, as
/// Alertmanager resolves them when it loads the file.
/// </summary>
internal sealed class RouteReader(YamlReader yaml, IReadOnlyDictionary<string, ReceiverConfig> receivers)
{
    private static readonly RouteConfig s_defaults = new(
        string.Empty, [], false, [], false,
        RouteConfig.DefaultGroupWait, RouteConfig.DefaultGroupInterval, RouteConfig.DefaultRepeatInterval, []);

    public RouteConfig ReadRoot(YamlNode node)
    {
        var root = Read(node, "route", s_defaults, isRoot: true);
        if (string.IsNullOrEmpty(root.Receiver))
        {
            throw yaml.Error(node, "route", "root route must specify a default receiver");
        }

        if (root.Matchers.Count > 0)
        {
            throw yaml.Error(node, "route", "root route must not have any matchers");
        }

        if (root.Continue)
        {
            throw yaml.Error(node, "route", "cannot have continue in root route");
        }

        return root;
    }

    private RouteConfig Read(YamlNode node, string path, RouteConfig parent, bool isRoot)
    {
        var receiver = parent.Receiver;
        IReadOnlyList<string> groupBy = parent.GroupBy;
        var groupByAll = parent.GroupByAll;
        var matchers = new List<Matcher>();
        var @continue = false;
        var (groupWait, groupInterval, repeatInterval) = (parent.GroupWait, parent.GroupInterval, parent.RepeatInterval);
        var childNodes = new List<(YamlNode Node, string Path)>();
        YamlNode? receiverNode = null;
        foreach (var (key, keyNode, value) in yaml.Entries(node, path))
        {
            switch (key)
            {
                case "receiver":
                    receiver = yaml.String(value, $"{path}.receiver");
                    receiverNode = value;
                    break;
                case "group_by":
                    (groupBy, groupByAll) = ReadGroupBy(value, $"{path}.group_by");
                    break;
                case "continue":
                    @continue = yaml.Boolean(value, $"{path}.continue");
                    break;
                case "matchers":
                    matchers.AddRange(yaml.Matchers(value, $"{path}.matchers"));
                    break;
                case "match":
                    matchers.AddRange(yaml.MatchMap(value, $"{path}.match", MatcherType.Equal));
                    break;
                case "match_re":
                    matchers.AddRange(yaml.MatchMap(value, $"{path}.match_re", MatcherType.Regex));
                    break;
                case "group_wait":
                    groupWait = yaml.Duration(value, $"{path}.group_wait");
                    break;
                case "group_interval":
                    groupInterval = yaml.Duration(value, $"{path}.group_interval");
                    if (groupInterval <= TimeSpan.Zero)
                    {
                        throw yaml.Error(value, $"{path}.group_interval", "group_interval cannot be zero");
                    }

                    break;
                case "repeat_interval":
                    repeatInterval = yaml.Duration(value, $"{path}.repeat_interval");
                    if (repeatInterval <= TimeSpan.Zero)
                    {
                        throw yaml.Error(value, $"{path}.repeat_interval", "repeat_interval cannot be zero");
                    }

                    break;
                case "routes":
                    var i = 0;
                    foreach (var child in yaml.OptionalSequence(value, $"{path}.routes"))
                    {
                        childNodes.Add((child, $"{path}.routes[{i++}]"));
                    }

                    break;
                case var other when AlertmanagerSettings.Route.Contains(other) && (YamlReader.IsNull(value) || value is YamlSequenceNode { Children.Count: 0 }):
                    break;
                default:
                    throw yaml.Error(keyNode, path, AlertmanagerSettings.Route.Contains(key)
                        ? $"\"{key}\" is an Alertmanager setting that deepseek-observe does not support (time intervals); remove it"
                        : $"unknown setting \"{key}\"");
            }
        }

        if (receiverNode is not null && !isRoot && string.IsNullOrEmpty(receiver))
        {
            receiver = parent.Receiver;
        }

        if (!string.IsNullOrEmpty(receiver) && !receivers.ContainsKey(receiver))
        {
            throw yaml.Error(receiverNode ?? node, path, $"undefined receiver \"{receiver}\" used in route");
        }

        var self = new RouteConfig(receiver, groupBy, groupByAll, MatcherList.Sorted(matchers), @continue, groupWait, groupInterval, repeatInterval, []);
        var children = childNodes.Select(c => Read(c.Node, c.Path, self, isRoot: false)).ToList();
        return self with { Routes = children };
    }

    private (IReadOnlyList<string> GroupBy, bool All) ReadGroupBy(YamlNode node, string path)
    {
        var names = new List<string>();
        var all = false;
        foreach (var entry in yaml.OptionalSequence(node, path))
        {
            var name = yaml.String(entry, path);
            if (name == "...")
            {
                all = true;
                continue;
            }

            if (!Core.LabelNames.IsValidLabelName(name))
            {
                throw yaml.Error(entry, path, $"invalid label name \"{name}\" in group_by list");
            }

            if (names.Contains(name, StringComparer.Ordinal))
            {
                throw yaml.Error(entry, path, $"duplicated label \"{name}\" in group_by");
            }

            names.Add(name);
        }

        if (all && names.Count > 0)
        {
            throw yaml.Error(node, path, "cannot have wildcard group_by (`...`) and other labels at the same time");
        }

        names.Sort(StringComparer.Ordinal);
        return (names, all);
    }
}
