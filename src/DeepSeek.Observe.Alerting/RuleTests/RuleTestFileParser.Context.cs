using System.Globalization;
using DeepSeek.Observe.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.RuleTests;

public static partial class RuleTestFileParser
{
    /// <summary>Typed, strict access to YAML nodes; every error carries the file, the node's line and column, and the path.</summary>
    private sealed class Context(string path, int maxValues)
    {
        public int MaxValues => maxValues;

        public Dictionary<string, YamlNode> Mapping(YamlNode node, string where, string[] fields)
        {
            if (node is YamlScalarNode { Value: null or "" or "~" or "null" })
            {
                return new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            }

            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, where, "expected a mapping");
            }

            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!fields.Contains(name, StringComparer.Ordinal))
                {
                    throw Error(key, where, $"unknown field \"{name}\" (expected one of {string.Join(", ", fields)})");
                }

                result[name] = value;
            }

            return result;
        }

        public IEnumerable<YamlNode> Sequence(Dictionary<string, YamlNode> map, string key, string where) =>
            !map.TryGetValue(key, out var node) || IsNull(node) ? []
            : node is YamlSequenceNode sequence ? sequence.Children
            : throw Error(node, where, "expected a list");

        public string? String(Dictionary<string, YamlNode> map, string key, string where) =>
            !map.TryGetValue(key, out var node) || IsNull(node) ? null
            : node is YamlScalarNode scalar ? scalar.Value ?? string.Empty
            : throw Error(node, where, "expected a string");

        public List<string> Strings(Dictionary<string, YamlNode> map, string key, string where) =>
            [.. Sequence(map, key, where).Select((n, i) => n is YamlScalarNode { Value: { } text } ? text : throw Error(n, $"{where}[{i}]", "expected a string"))];

        public Dictionary<string, string> StringMap(Dictionary<string, YamlNode> map, string key, string where)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!map.TryGetValue(key, out var node) || IsNull(node))
            {
                return result;
            }

            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, where, "expected a mapping of strings");
            }

            foreach (var (k, v) in mapping.Children)
            {
                if (k is not YamlScalarNode { Value: { } name } || v is not YamlScalarNode value)
                {
                    throw Error(v, where, "expected a mapping of strings");
                }

                result[name] = value.Value ?? string.Empty;
            }

            return result;
        }

        public TimeSpan? Duration(Dictionary<string, YamlNode> map, string key, string where)
        {
            var text = String(map, key, where);
            return text is null ? null
                : PrometheusDuration.TryParse(text, out var duration) ? duration
                : throw Error(map[key], where, $"not a valid duration string: \"{text}\"");
        }

        public double Float(Dictionary<string, YamlNode> map, string key, string where)
        {
            var text = String(map, key, where);
            if (text is null)
            {
                return 0;
            }

            // YAML's spellings of the special values, then plain numbers.
            return text switch
            {
                ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
                "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
                ".nan" or ".NaN" or ".NAN" => double.NaN,
                _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw Error(map[key], where, $"not a number: \"{text}\""),
            };
        }

        /// <summary>Runs a parser on a field, turning its error into one with this file's position.</summary>
        public T Parsed<T>(Dictionary<string, YamlNode> map, string key, string where, Func<string, T> parse, string? text = null)
        {
            var value = text ?? String(map, key, where) ?? throw Error(null, where, "is required");
            try
            {
                return parse(value);
            }
            catch (RuleTestFormatException ex)
            {
                throw Error(map.GetValueOrDefault(key), where, ex.Message);
            }
        }

        public RuleTestFormatException Error(YamlNode? node, string where, string message) =>
            new(node is null ? $"{path}: {where}: {message}" : $"{path}:{node.Start.Line}:{node.Start.Column}: {where}: {message}");

        // A key with nothing after it ("exp_samples:") is YAML's null too, as an unquoted empty scalar.
        private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null", Style: not YamlDotNet.Core.ScalarStyle.DoubleQuoted and not YamlDotNet.Core.ScalarStyle.SingleQuoted };
    }
}
