using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>Validates the deployment files with the real tools (there is no Docker engine here, only the CLI).</summary>
public class DeploymentConfigTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DockerCompose_Config_IsValid()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            "docker-compose", ["-f", "docker-compose.yml", "config", "-q"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"docker-compose config -q exited {exitCode}:\n{stdout}{stderr}");
    }

    [Fact]
    public async Task DockerCompose_HasEveryServiceOfTheStack()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            "docker-compose", ["-f", "docker-compose.yml", "--profile", "gpu", "config", "--services"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, stderr);
        var services = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var expected in new[] { "postgres", "rabbitmq", "prometheus", "alertmanager", "grafana", "platform", "runtime", "dcgm-exporter" })
        {
            Assert.Contains(expected, services);
        }
    }

    [Fact]
    public async Task DockerCompose_PublishesPortsOnLoopbackOnly()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            "docker-compose", ["-f", "docker-compose.yml", "--profile", "gpu", "config"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, stderr);
        var published = PublishedPorts(stdout);
        Assert.NotEmpty(published);
        Assert.All(published, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrometheusConfig_PassesPromtoolCheckConfig()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            TestServers.Promtool, ["check", "config", "deploy/prometheus/prometheus.yml"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"promtool check config exited {exitCode}:\n{stdout}{stderr}");
    }

    [Fact]
    public async Task SampleScrapeConfig_PassesPromtoolCheckConfig()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            TestServers.Promtool, ["check", "config", "deploy/scrape/scrape.yml"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"promtool check config exited {exitCode}:\n{stdout}{stderr}");
    }

    [Fact]
    public async Task AlertmanagerConfig_PassesAmtoolCheckConfig()
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            "amtool", ["check-config", "deploy/alertmanager/alertmanager.yml"], s_timeout, RepositoryLayout.Root);

        Assert.True(exitCode == 0, $"amtool check-config exited {exitCode}:\n{stdout}{stderr}");
        Assert.Contains("3 inhibit rules", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// The "host_ip:port:container_port" entries under every <c>ports:</c> key of <c>docker-compose config</c>'s
    /// normalised output (docker-compose 1.29, Debian's, prints them in this short form).
    /// </summary>
    private static List<string> PublishedPorts(string config)
    {
        var ports = new List<string>();
        var inPorts = false;
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim();
            if (line == "ports:")
            {
                inPorts = true;
            }
            else if (inPorts && line.StartsWith("- ", StringComparison.Ordinal))
            {
                ports.Add(line[2..].Trim('"'));
            }
            else
            {
                inPorts = false;
            }
        }

        return ports;
    }
}
