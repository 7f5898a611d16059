using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Deployment.Tests;

/// <summary>Grafana's provisioning and the compose mounts agree: the data source reaches the platform, the provider the dashboards.</summary>
public class ProvisioningTests
{
    [Fact]
    public void DataSource_IsPrometheusAtThePlatformsListenPort()
    {
        var source = Provisioning.DataSource();

        Assert.Equal("prometheus", source.Type);
        Assert.False(string.IsNullOrWhiteSpace(source.Uid));
        // The platform service listens on OBSERVE_URLS inside the compose network; Grafana reaches it by service name.
        var listen = new Uri(Provisioning.ComposeEnvironment("platform", "OBSERVE_URLS")!);
        Assert.Equal($"http://platform:{listen.Port}", source.Url);
        // $__rate_interval is derived from it: it must be the scrape interval the platform's data arrives at.
        Assert.Equal("15s", source.TimeInterval);
        // Declared as the Prometheus it is compared against, so Grafana resolves label_values variables through
        // /api/v1/label/<name>/values?match[]= — the endpoint DashboardQueriesTests exercises.
        Assert.Equal("Prometheus", source.PrometheusType);
        Assert.Equal("2.42.0", source.PrometheusVersion);
    }

    [Fact]
    public void DashboardProvider_ReadsTheDirectoryComposeMountsTheDashboardsAt()
    {
        var provider = Assert.Single(Provisioning.DashboardProviders());
        var volumes = Provisioning.ComposeVolumes("grafana");

        Assert.Equal("file", provider.Type);
        Assert.Contains($"./dashboards:{provider.Path}:ro", volumes);
        Assert.Contains("./dashboards/provisioning:/etc/grafana/provisioning:ro", volumes);
        Assert.True(Directory.Exists(RepositoryLayout.PathOf("dashboards", "provisioning", "datasources")));
        Assert.True(Directory.Exists(RepositoryLayout.PathOf("dashboards", "provisioning", "dashboards")));
    }
}
