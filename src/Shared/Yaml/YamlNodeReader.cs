using System.Globalization;
using DeepSeek.Observe.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Shared.Yaml;

/// <summary>
/// Typed reads of YAML nodes for the Prometheus-family configuration files (scrape config, Alertmanager config), with
/// errors that point at the node (<c>file:line:column: setting: problem</c>) so an operator can fix the file without
/// guessing. Shared as source (linked into each component, as opentelemetry-dotnet shares its helpers), because the
/// components must not reference each other and Core stays free of YamlDotNet.
/// </summary>
/// <typeparam name="TException">The component's configuration error.</typeparam>
internal abstract class YamlNodeReader<TException>(string source)
    where TException : Exception
{
    protected string Source { get; } = source;

    public TException Error(YamlNode node, string path, string problem) => Error(node.Start, path, problem);

    public TException Error(Mark mark, string path, string problem) =>
        CreateError($"{Source}:{mark.Line}:{mark.Column}: {path}: {problem}");

    /// <summary>Whether the node is YAML null (<c>key:</c>, <c>~</c>, <c>null</c>): the setting takes its default.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Error(node, path, "expected a mapping (key: value)");

    public YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, path, "expected a list");

    public string Key(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } key } ? key : throw Error(node, path, "expected a plain key");

    public string String(YamlNode node, string path) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(node, path, "expected a string");

    public TimeSpan Duration(YamlNode node, string path)
    {
        var text = String(node, path);
        return PrometheusDuration.TryParse(text, out var duration)
            ? duration
            : throw Error(node, path, $"'{text}' is not a duration (e.g. 30s, 5m, 1m30s)");
    }

    public bool Boolean(YamlNode node, string path)
    {
        // Prometheus and Alertmanager read YAML 1.1, where yes/no/on/off are booleans too.
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

    protected abstract TException CreateError(string message);
}
