using DeepSeek.Observe.Testing;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>Reads Grafana's provisioning files and docker-compose.yml (as YAML, the way Grafana and Compose do).</summary>
internal static class Provisioning
{
    public sealed record GrafanaDataSource(string Name, string Uid, string Type, string Url, string? TimeInterval, string? PrometheusType, string? PrometheusVersion);

    /// <summary>The single data source of <c>dashboards/provisioning/datasources/observe.yml</c>.</summary>
    public static GrafanaDataSource DataSource()
    {
        var source = (YamlMappingNode)Assert.Single(Sequence(Load("dashboards", "provisioning", "datasources", "observe.yml"), "datasources"));
        var jsonData = source.Children.TryGetValue(new YamlScalarNode("jsonData"), out var data) ? (YamlMappingNode)data : null;
        return new GrafanaDataSource(
            Scalar(source, "name"), Scalar(source, "uid"), Scalar(source, "type"), Scalar(source, "url"),
            jsonData is null ? null : TryScalar(jsonData, "timeInterval"),
            jsonData is null ? null : TryScalar(jsonData, "prometheusType"),
            jsonData is null ? null : TryScalar(jsonData, "prometheusVersion"));
    }

    /// <summary>The file providers of <c>dashboards/provisioning/dashboards/observe.yml</c>: (type, options.path).</summary>
    public static List<(string Type, string Path)> DashboardProviders() =>
        [.. Sequence(Load("dashboards", "provisioning", "dashboards", "observe.yml"), "providers").Cast<YamlMappingNode>()
            .Select(p => (Scalar(p, "type"), Scalar((YamlMappingNode)p.Children[new YamlScalarNode("options")], "path")))];

    /// <summary>A compose service's volume strings (short syntax), e.g. <c>./dashboards:/var/lib/grafana/dashboards:ro</c>.</summary>
    public static List<string> ComposeVolumes(string service)
    {
        var services = (YamlMappingNode)Load("docker-compose.yml").Children[new YamlScalarNode("services")];
        return [.. Sequence((YamlMappingNode)services.Children[new YamlScalarNode(service)], "volumes").Select(v => ((YamlScalarNode)v).Value!)];
    }

    /// <summary>A compose service's environment value.</summary>
    public static string? ComposeEnvironment(string service, string name)
    {
        var services = (YamlMappingNode)Load("docker-compose.yml").Children[new YamlScalarNode("services")];
        var environment = (YamlMappingNode)((YamlMappingNode)services.Children[new YamlScalarNode(service)]).Children[new YamlScalarNode("environment")];
        return TryScalar(environment, name);
    }

    private static YamlMappingNode Load(params string[] path)
    {
        using var reader = new StringReader(File.ReadAllText(RepositoryLayout.PathOf(path)));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) =>
        TryScalar(node, key) ?? throw new InvalidOperationException($"'{key}' is missing");

    private static string? TryScalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
