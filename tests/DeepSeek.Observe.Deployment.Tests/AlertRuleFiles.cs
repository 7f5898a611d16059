using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>The rule files and rule-test files of <c>alert-rules/</c>, read as plain YAML (what promtool reads).</summary>
internal static class AlertRuleFiles
{
    public static string Directory => Testing.RepositoryLayout.PathOf("alert-rules");

    /// <summary>Rule files, as paths relative to the repository root (what <c>alert-rules/*.yml</c> expands to).</summary>
    public static string[] RuleFiles() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yml").Select(p => Path.GetRelativePath(Testing.RepositoryLayout.Root, p)).Order(StringComparer.Ordinal)];

    public static string[] TestFiles() =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "tests"), "*.test.yml").Select(p => Path.GetRelativePath(Testing.RepositoryLayout.Root, p)).Order(StringComparer.Ordinal)];

    /// <summary>Every alerting rule with the file it is in.</summary>
    public static IEnumerable<(string File, YamlMappingNode Rule)> Alerts() =>
        from file in RuleFiles()
        from rule in Rules(file)
        where rule.Children.ContainsKey("alert")
        select (file, rule);

    public static IEnumerable<YamlMappingNode> Rules(string file)
    {
        var root = Load(file);
        foreach (var group in ((YamlSequenceNode)root["groups"]).Children.Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            {
                yield return rule;
            }
        }
    }

    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Testing.RepositoryLayout.PathOf(relativePath));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text } ? text : string.Empty;

    public static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map ? map : new YamlMappingNode();
}
