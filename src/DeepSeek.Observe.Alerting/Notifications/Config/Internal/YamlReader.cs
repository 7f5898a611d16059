using System.Globalization;
using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.Notifications.Config.Internal;

/// <summary>
/// Typed reads of YAML nodes with errors that point at the node (<c>file:line:column: setting: problem</c>), so an
/// operator can fix the file without guessing.
/// </summary>
internal sealed class YamlReader(string source)
{
    public NotificationConfigException Error(YamlNode node, string path, string problem) =>
        new($"{source}:{node.Start.Line}:{node.Start.Column}: {path}: {problem}");

    public NotificationConfigException Error(Mark mark, string problem) =>
        new($"{source}:{mark.Line}:{mark.Column}: {problem}");

    public NotificationConfigException Error(string problem) => new($"{source}: {problem}");

    /// <summary>Whether the node is YAML null (<c>key:</c>, <c>~</c>, <c>null</c>): the setting takes its default.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Error(node, path, "expected a mapping (key: value)");

    public YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, path, "expected a list");

    public IEnumerable<YamlNode> OptionalSequence(YamlNode node, string path) =>
        IsNull(node) ? [] : Sequence(node, path).Children;

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlNode node, string path)
    {
        if (IsNull(node))
        {
            yield break;
        }

        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            yield return (Key(keyNode, path), keyNode, value);
        }
    }

    public string Key(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } key } ? key : throw Error(node, path, "expected a plain key");

    public string String(YamlNode node, string path) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(node, path, "expected a string");

    public TimeSpan Duration(YamlNode node, string path)
    {
        var text = String(node, path);
        return PrometheusDuration.TryParse(text, out var duration)
            ? duration
            : throw Error(node, path, $"'{text}' is not a duration (e.g. 30s, 5m, 4h)");
    }

    public bool Boolean(YamlNode node, string path)
    {
        // Alertmanager reads YAML 1.1, where yes/no/on/off are booleans too.
        var text = String(node, path).ToLowerInvariant();
        return text switch
        {
            "true" or "yes" or "on" or "y" => true,
            "false" or "no" or "off" or "n" => false,
            _ => throw Error(node, path, $"'{text}' is not true or false"),
        };
    }

    public int NonNegativeInt(YamlNode node, string path)
    {
        var text = String(node, path);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, path, $"'{text}' is not a whole number between 0 and {int.MaxValue}");
    }

    public string LabelName(YamlNode node, string path)
    {
        var name = String(node, path);
        return LabelNames.IsValidLabelName(name) ? name : throw Error(node, path, $"invalid label name \"{name}\"");
    }

    /// <summary>The string form: a list of <c>a="b"</c> entries (each may hold several, comma-separated).</summary>
    public List<Matcher> Matchers(YamlNode node, string path)
    {
        var matchers = new List<Matcher>();
        foreach (var entry in OptionalSequence(node, path))
        {
            var text = String(entry, path);
            if (!MatcherParser.TryParseList(text, out var parsed, out var error))
            {
                throw Error(entry, path, error!);
            }

            matchers.AddRange(parsed);
        }

        return matchers;
    }

    /// <summary>The deprecated map forms: <c>match</c> (equality) and <c>match_re</c> (regular expressions).</summary>
    public List<Matcher> MatchMap(YamlNode node, string path, MatcherType type)
    {
        var matchers = new List<Matcher>();
        foreach (var (name, keyNode, value) in Entries(node, path))
        {
            if (!Matcher.TryCreate(name, type, IsNull(value) ? string.Empty : String(value, $"{path}.{name}"), out var matcher, out var error))
            {
                throw Error(keyNode, path, error!);
            }

            matchers.Add(matcher);
        }

        return matchers;
    }
}
