using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Scrape.Tests;

public class ScrapeConfigTests
{
    [Fact]
    public void Parse_MinimalJob_AppliesPrometheusDefaults()
    {
        var config = ScrapeConfig.Parse("""
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["10.0.0.1:9100", "gpu-host"]
            """, "scrape.yml");

        Assert.Equal(TimeSpan.FromMinutes(1), config.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), config.ScrapeTimeout);
        var job = Assert.Single(config.Jobs);
        Assert.Equal("node", job.JobName);
        Assert.Equal(TimeSpan.FromMinutes(1), job.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), job.ScrapeTimeout);
        Assert.Equal("/metrics", job.MetricsPath);
        Assert.Equal("http", job.Scheme);
        Assert.False(job.HonorLabels);
        Assert.True(job.HonorTimestamps);
        Assert.Equal(0, job.SampleLimit);
        Assert.Equal(["10.0.0.1:9100", "gpu-host"], Assert.Single(job.StaticConfigs).Targets);
    }

    [Fact]
    public void Parse_EverySupportedSetting_Read()
    {
        var config = ScrapeConfig.Parse("""
            global:
              scrape_interval: 15s
              scrape_timeout: 5s
              evaluation_interval: 30s
              external_labels:
                cluster: eu-1
            scrape_configs:
              - job_name: dcgm
                scrape_interval: 5s
                metrics_path: /probe
                scheme: https
                params:
                  module: [gpu, nvlink]
                honor_labels: true
                honor_timestamps: false
                body_size_limit: 10MB
                sample_limit: 1000
                label_limit: 30
                label_name_length_limit: 100
                label_value_length_limit: 200
                static_configs:
                  - targets: ["dcgm:9400"]
                    labels:
                      region: eu
              - job_name: short
                scrape_interval: 2s
                static_configs: []
            """, "scrape.yml");

        Assert.Equal("eu-1", config.ExternalLabels["cluster"]);
        var job = config.Jobs[0];
        Assert.Equal(TimeSpan.FromSeconds(5), job.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), job.ScrapeTimeout);
        Assert.Equal("/probe", job.MetricsPath);
        Assert.Equal("https", job.Scheme);
        Assert.Equal(["gpu", "nvlink"], job.Params["module"]);
        Assert.True(job.HonorLabels);
        Assert.False(job.HonorTimestamps);
        Assert.Equal(10L << 20, job.BodySizeLimit);
        Assert.Equal((1000, 30, 100, 200), (job.SampleLimit, job.LabelLimit, job.LabelNameLengthLimit, job.LabelValueLengthLimit));
        Assert.Equal("eu", Assert.Single(job.StaticConfigs).Labels["region"]);

        // A job interval below the global timeout caps the timeout at the interval, as Prometheus does.
        Assert.Equal(TimeSpan.FromSeconds(2), config.Jobs[1].ScrapeTimeout);
    }

    [Fact]
    public void Parse_EmptyFile_NothingToScrape()
    {
        Assert.Empty(ScrapeConfig.Parse(string.Empty, "scrape.yml").Jobs);
    }

    [Theory]
    [InlineData("scrape_configs:\n  - job_name: a\n    relabel_configs: []\n", "scrape.yml:3:5: scrape_configs[0]: \"relabel_configs\" is a Prometheus setting that deepseek-observe does not support")]
    [InlineData("scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - role: pod\n", "scrape.yml:3:5: scrape_configs[0]: \"kubernetes_sd_configs\" is a Prometheus setting")]
    [InlineData("remote_write:\n  - url: http://x\n", "scrape.yml:1:1: (file): \"remote_write\" is a Prometheus setting")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scrape_intreval: 5s\n", "scrape.yml:3:5: scrape_configs[0]: unknown setting \"scrape_intreval\"")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 10s\n", "scrape_timeout (10s) is greater than scrape_interval (5s)")]
    [InlineData("global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n", "global: scrape_timeout (6s) is greater than scrape_interval (5s)")]
    [InlineData("scrape_configs:\n  - job_name: a\n  - job_name: a\n", "scrape.yml:3:5: scrape_configs: found multiple scrape configs with job_name \"a\"")]
    [InlineData("scrape_configs:\n  - scrape_interval: 5s\n", "job_name is required")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scrape_interval: 5 seconds\n", "scrape.yml:3:22: scrape_configs[0].scrape_interval: '5 seconds' is not a duration")]
    [InlineData("scrape_configs:\n  - job_name: a\n    scheme: ftp\n", "\"ftp\" is not http or https")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\"http://h:1/metrics\"]\n", "scrape.yml:4:19: scrape_configs[0].static_configs[0].targets: \"http://h:1/metrics\" is not a valid target address")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\"h:99999\"]\n", "is not a valid target address")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - labels: {\"bad-name\": x}\n", "\"bad-name\" is not a valid label name")]
    [InlineData("scrape_configs:\n  - job_name: a\n    static_configs:\n      - labels: {__param_x: x}\n", "labels starting with __ are reserved")]
    [InlineData("scrape_configs:\n  - job_name: a\n    sample_limit: -1\n", "is not a whole number")]
    [InlineData("scrape_configs:\n  - job_name: a\n    honor_labels: maybe\n", "'maybe' is not true or false")]
    [InlineData("scrape_configs: [\n", "scrape.yml:2:1: not valid YAML")]
    [InlineData("- a\n- b\n", "(file): expected a mapping")]
    public void Parse_Invalid_ThrowsNamingFileLineAndSetting(string yaml, string expected)
    {
        var ex = Assert.Throws<ScrapeConfigException>(() => ScrapeConfig.Parse(yaml, "scrape.yml"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_SampleInDeploy_Valid()
    {
        var config = ScrapeConfig.Load(RepositoryLayout.PathOf("deploy", "scrape", "scrape.yml"));

        Assert.Equal(["dcgm-exporter", "kube-state-metrics", "deepseek-observe"], config.Jobs.Select(j => j.JobName));
        Assert.Equal("local", config.ExternalLabels["cluster"]);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingPath()
    {
        var ex = Assert.Throws<ScrapeConfigException>(() => ScrapeConfig.Load("/nonexistent/scrape.yml"));

        Assert.StartsWith("/nonexistent/scrape.yml: cannot read", ex.Message, StringComparison.Ordinal);
    }
}
