using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Shared.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.Notifications.Config.Internal;

/// <summary>
/// The Alertmanager configuration's reads on top of the shared ones: matchers, label names, errors without a setting.
/// </summary>
internal sealed class YamlReader(string source) : YamlNodeReader<NotificationConfigException>(source)
{
    protected override NotificationConfigException CreateError(string message) => new(message);

    public NotificationConfigException Error(Mark mark, string problem) =>
        new($"{Source}:{mark.Line}:{mark.Column}: {problem}");

    public NotificationConfigException Error(string problem) => new($"{Source}: {problem}");

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
