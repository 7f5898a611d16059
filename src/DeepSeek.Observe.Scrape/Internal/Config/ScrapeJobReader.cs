using DeepSeek.Observe.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>Reads one <c>scrape_configs</c> entry, applying the global interval and timeout where it sets none.</summary>
internal sealed class ScrapeJobReader(YamlValues yaml, string path)
{
    public ScrapeJob Read(YamlNode node, TimeSpan globalInterval, TimeSpan globalTimeout)
    {
        string? jobName = null, metricsPath = null, scheme = null;
        TimeSpan? interval = null, timeout = null;
        bool honorLabels = false, honorTimestamps = true;
        long bodySizeLimit = 0;
        int sampleLimit = 0, labelLimit = 0, nameLimit = 0, valueLimit = 0;
        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var groups = new List<StaticTargetGroup>();

        foreach (var (keyNode, value) in yaml.Mapping(node, path).Children)
        {
            var key = yaml.Key(keyNode, path);
            var at = $"{path}.{key}";
            if (YamlValues.IsNull(value) && key != "job_name")
            {
                continue;
            }

            switch (key)
            {
                case "job_name": jobName = yaml.String(value, at); break;
                case "scrape_interval": interval = yaml.Duration(value, at); break;
                case "scrape_timeout": timeout = yaml.Duration(value, at); break;
                case "metrics_path": metricsPath = yaml.String(value, at); break;
                case "scheme": scheme = yaml.String(value, at); break;
                case "honor_labels": honorLabels = yaml.Boolean(value, at); break;
                case "honor_timestamps": honorTimestamps = yaml.Boolean(value, at); break;
                case "body_size_limit": bodySizeLimit = yaml.ByteSize(value, at); break;
                case "sample_limit": sampleLimit = yaml.NonNegativeInt(value, at); break;
                case "label_limit": labelLimit = yaml.NonNegativeInt(value, at); break;
                case "label_name_length_limit": nameLimit = yaml.NonNegativeInt(value, at); break;
                case "label_value_length_limit": valueLimit = yaml.NonNegativeInt(value, at); break;
                case "params": ReadParams(value, at, parameters); break;
                case "static_configs": ReadStaticConfigs(value, at, groups); break;
                default:
                    var supportedByPrometheus = PrometheusSettings.ScrapeConfig.Contains(key) || PrometheusSettings.IsServiceDiscovery(key);
                    throw yaml.Error(keyNode, path, supportedByPrometheus
                        ? $"\"{key}\" is a Prometheus setting that deepseek-observe does not support; remove it (only static_configs targets can be scraped)"
                        : $"unknown setting \"{key}\"");
            }
        }

        if (string.IsNullOrEmpty(jobName))
        {
            throw yaml.Error(node, path, "job_name is required");
        }

        var effectiveInterval = interval is { } i && i > TimeSpan.Zero ? i : globalInterval;
        if (timeout is { } t && t > effectiveInterval)
        {
            throw yaml.Error(node, $"{path} (job \"{jobName}\")",
                $"scrape_timeout ({PrometheusDuration.Format(t)}) is greater than scrape_interval ({PrometheusDuration.Format(effectiveInterval)})");
        }

        var effectiveTimeout = timeout is { } set && set > TimeSpan.Zero
            ? set
            : TimeSpan.FromTicks(Math.Min(globalTimeout.Ticks, effectiveInterval.Ticks));
        scheme ??= "http";
        if (scheme is not ("http" or "https"))
        {
            throw yaml.Error(node, $"{path}.scheme", $"\"{scheme}\" is not http or https");
        }

        metricsPath = string.IsNullOrEmpty(metricsPath) ? "/metrics" : metricsPath;
        if (!metricsPath.StartsWith('/') || metricsPath.Contains('?', StringComparison.Ordinal) || metricsPath.Contains('#', StringComparison.Ordinal))
        {
            throw yaml.Error(node, $"{path}.metrics_path", $"\"{metricsPath}\" is not an absolute path (use params for query parameters)");
        }

        return new ScrapeJob(
            jobName, effectiveInterval, effectiveTimeout, metricsPath, scheme, parameters, honorLabels, honorTimestamps,
            bodySizeLimit, sampleLimit, labelLimit, nameLimit, valueLimit, groups);
    }

    private void ReadParams(YamlNode node, string at, Dictionary<string, IReadOnlyList<string>> parameters)
    {
        foreach (var (keyNode, value) in yaml.Mapping(node, at).Children)
        {
            var name = yaml.Key(keyNode, at);
            parameters[name] = YamlValues.IsNull(value)
                ? []
                : yaml.Sequence(value, $"{at}.{name}").Children.Select(v => yaml.String(v, $"{at}.{name}")).ToList();
        }
    }

    private void ReadStaticConfigs(YamlNode node, string at, List<StaticTargetGroup> groups)
    {
        var index = 0;
        foreach (var groupNode in yaml.Sequence(node, at).Children)
        {
            var groupPath = $"{at}[{index++}]";
            var targets = new List<string>();
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in yaml.Mapping(groupNode, groupPath).Children)
            {
                switch (yaml.Key(keyNode, groupPath))
                {
                    case "targets":
                        if (!YamlValues.IsNull(value))
                        {
                            foreach (var target in yaml.Sequence(value, $"{groupPath}.targets").Children)
                            {
                                var address = yaml.String(target, $"{groupPath}.targets");
                                targets.Add(TargetAddress.TryNormalize(address, out var normalized, out var error)
                                    ? normalized
                                    : throw yaml.Error(target, $"{groupPath}.targets", error!));
                            }
                        }

                        break;
                    case "labels":
                        labels = yaml.Labels(value, $"{groupPath}.labels");
                        break;
                    case var key:
                        throw yaml.Error(keyNode, groupPath, $"unknown setting \"{key}\" (a static config has targets and labels)");
                }
            }

            groups.Add(new StaticTargetGroup(targets, labels));
        }
    }
}
