using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.Rules;

/// <summary>
/// Reads a rule file's YAML strictly, as Prometheus's rulefmt does (yaml.v3 with known fields only): an unknown
/// field or a value of the wrong type is reported as <c>yaml: unmarshal errors: line N: …</c>; a bad duration stops
/// decoding with <c>not a valid duration string</c>.
/// </summary>
internal sealed class RuleFileReader
{
    private readonly List<string> _unmarshalErrors = [];

    /// <summary>The groups, or the decoding errors (without the file prefix).</summary>
    public static (IReadOnlyList<RawGroup> Groups, IReadOnlyList<string> Errors) Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return ([], [$"yaml: line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        // An empty file is an empty rule file (Prometheus ignores io.EOF).
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return ([], []);
        }

        if (stream.Documents.Count > 1)
        {
            return ([], ["yaml: only one YAML document is allowed in a rule file"]);
        }

        var reader = new RuleFileReader();
        try
        {
            var groups = reader.Root(stream.Documents[0].RootNode);
            return reader._unmarshalErrors.Count > 0
                ? ([], ["yaml: unmarshal errors:\n" + string.Join('\n', reader._unmarshalErrors)])
                : (groups, []);
        }
        catch (DurationException ex)
        {
            return ([], [ex.Message]);
        }
    }

    private List<RawGroup> Root(YamlNode node)
    {
        var groups = new List<RawGroup>();
        if (Mapping(node, "rulefmt.RuleGroups") is not { } root)
        {
            return groups;
        }

        foreach (var (key, value) in Fields(root, "rulefmt.RuleGroups", "groups"))
        {
            _ = key;
            foreach (var item in Sequence(value, "[]rulefmt.RuleGroup"))
            {
                if (Group(item) is { } group)
                {
                    groups.Add(group);
                }
            }
        }

        return groups;
    }

    private RawGroup? Group(YamlNode node)
    {
        if (Mapping(node, "rulefmt.RuleGroup") is not { } mapping)
        {
            return null;
        }

        string name = string.Empty;
        var interval = TimeSpan.Zero;
        var limit = 0;
        var rules = new List<RawRule>();
        foreach (var (key, value) in Fields(mapping, "rulefmt.RuleGroup", "name", "interval", "limit", "rules"))
        {
            switch (key)
            {
                case "name": name = Text(value, "string"); break;
                case "interval": interval = Duration(value); break;
                case "limit": limit = Integer(value); break;
                default:
                    foreach (var item in Sequence(value, "[]rulefmt.RuleNode"))
                    {
                        if (Rule(item) is { } rule)
                        {
                            rules.Add(rule);
                        }
                    }

                    break;
            }
        }

        return new RawGroup(name, mapping.Start.Line, mapping.Start.Column, interval, limit, rules);
    }

    private RawRule? Rule(YamlNode node)
    {
        if (Mapping(node, "rulefmt.RuleNode") is not { } mapping)
        {
            return null;
        }

        var record = PositionedValue.Absent;
        var alert = PositionedValue.Absent;
        var expr = PositionedValue.Absent;
        var forDuration = TimeSpan.Zero;
        var keepFiringFor = TimeSpan.Zero;
        IReadOnlyList<KeyValuePair<string, string>> labels = [];
        IReadOnlyList<KeyValuePair<string, string>> annotations = [];
        foreach (var (key, value) in Fields(mapping, "rulefmt.RuleNode", "record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"))
        {
            switch (key)
            {
                case "record": record = Node(value); break;
                case "alert": alert = Node(value); break;
                case "expr": expr = Node(value); break;
                case "for": forDuration = Duration(value); break;
                case "keep_firing_for": keepFiringFor = Duration(value); break;
                case "labels": labels = StringMap(value); break;
                default: annotations = StringMap(value); break;
            }
        }

        return new RawRule(record, alert, expr, forDuration, keepFiringFor, labels, annotations);
    }

    // record/alert/expr are yaml.Node in rulefmt: any node is accepted; only a scalar has a value.
    private static PositionedValue Node(YamlNode node) =>
        new(node is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value ?? string.Empty : string.Empty, node.Start.Line, node.Start.Column);

    private IEnumerable<(string Key, YamlNode Value)> Fields(YamlMappingNode mapping, string type, params string[] known)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(known, key) < 0)
            {
                _unmarshalErrors.Add($"  line {keyNode.Start.Line}: field {key} not found in type {type}");
                continue;
            }

            yield return (key, value);
        }
    }

    private YamlMappingNode? Mapping(YamlNode node, string type)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (node is YamlScalarNode scalar && IsNull(scalar))
        {
            return null;
        }

        _unmarshalErrors.Add($"  line {node.Start.Line}: cannot unmarshal {Tag(node)} into {type}");
        return null;
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string type)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        if (node is not YamlScalarNode scalar || !IsNull(scalar))
        {
            _unmarshalErrors.Add($"  line {node.Start.Line}: cannot unmarshal {Tag(node)} into {type}");
        }

        return [];
    }

    private List<KeyValuePair<string, string>> StringMap(YamlNode node)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (Mapping(node, "map[string]string") is not { } mapping)
        {
            return result;
        }

        foreach (var (key, value) in mapping.Children)
        {
            result.Add(KeyValuePair.Create(Text(key, "string"), Text(value, "string")));
        }

        return result;
    }

    private string Text(YamlNode node, string type)
    {
        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }

        _unmarshalErrors.Add($"  line {node.Start.Line}: cannot unmarshal {Tag(node)} into {type}");
        return string.Empty;
    }

    private int Integer(YamlNode node)
    {
        var text = Text(node, "int");
        if (text.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _unmarshalErrors.Add($"  line {node.Start.Line}: cannot unmarshal !!str `{text}` into int");
        return 0;
    }

    private TimeSpan Duration(YamlNode node)
    {
        var text = Text(node, "model.Duration");
        if (text.Length == 0)
        {
            return TimeSpan.Zero;
        }

        return Core.PrometheusDuration.TryParse(text, out var duration)
            ? duration
            : throw new DurationException($"not a valid duration string: \"{text}\"");
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Tag(YamlNode node) => node switch
    {
        YamlMappingNode => "!!map",
        YamlSequenceNode => "!!seq",
        _ => "!!str",
    };

    private sealed class DurationException(string message) : Exception(message);
}
