using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Shared.Yaml;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>
/// The scrape configuration's reads on top of the shared ones: byte sizes, target labels.
/// </summary>
internal sealed class YamlValues(string source) : YamlNodeReader<ScrapeConfigException>(source)
{
    protected override ScrapeConfigException CreateError(string message) => new(message);

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
