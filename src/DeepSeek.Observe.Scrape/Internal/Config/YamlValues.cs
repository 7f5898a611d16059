using System.Globalization;
using DeepSeek.Observe.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>
/// Typed reads of YAML nodes with errors that point at the node (<c>file:line:column: setting: problem</c>), so an
/// operator can fix the file without guessing.
/// </summary>
internal sealed class YamlValues(string source)
{
    public ScrapeConfigException Error(YamlNode node, string path, string problem) => Error(node.Start, path, problem);

    public ScrapeConfigException Error(Mark mark, string path, string problem) =>
        new($"{source}:{mark.Line}:{mark.Column}: {path}: {problem}");

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
            : throw Error(node, path, $"'{text}' is not a duration (e.g. 15s, 1m30s, 500ms)");
    }

    public bool Boolean(YamlNode node, string path)
    {
        // Prometheus reads YAML 1.1, where yes/no/on/off are booleans too.
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

    /// <summary>Prometheus's byte sizes (<c>10MB</c>, <c>512KiB</c>, <c>0</c>), all powers of 1024 as Prometheus reads them.</summary>
    public long ByteSize(YamlNode node, string path)
    {
        var text = String(node, path);
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        long? multiplier = text[digits..] switch
        {
            "" when text == "0" => 1,
            "B" => 1,
            "KB" or "KiB" => 1L << 10,
            "MB" or "MiB" => 1L << 20,
            "GB" or "GiB" => 1L << 30,
            "TB" or "TiB" => 1L << 40,
            _ => null,
        };
        return digits > 0 && multiplier is { } unit
               && long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
               && amount <= long.MaxValue / unit
            ? amount * unit
            : throw Error(node, path, $"'{text}' is not a size (e.g. 10MB, 512KiB)");
    }

    /// <summary>A label name/value mapping; names must be valid and not reserved (<c>__</c> prefix).</summary>
    public Dictionary<string, string> Labels(YamlNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node))
        {
            return labels;
        }

        foreach (var (keyNode, valueNode) in Mapping(node, path).Children)
        {
            var name = Key(keyNode, path);
            if (!LabelNames.IsValidLabelName(name))
            {
                throw Error(keyNode, path, $"\"{name}\" is not a valid label name");
            }

            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                throw Error(keyNode, path, $"\"{name}\": labels starting with __ are reserved (relabeling is not supported)");
            }

            labels[name] = IsNull(valueNode) ? string.Empty : String(valueNode, $"{path}.{name}");
        }

        return labels;
    }
}
