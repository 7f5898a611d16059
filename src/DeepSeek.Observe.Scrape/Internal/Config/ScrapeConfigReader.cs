using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>
/// Reads Prometheus's configuration format from the YAML node tree (not a serializer), so every error can point at a
/// line and every key is checked: defaults and validation follow Prometheus 2.42's <c>config</c> package.
/// </summary>
internal sealed class ScrapeConfigReader(string source)
{
    private readonly YamlValues _yaml = new(source);

    public ScrapeConfig Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ScrapeConfigException($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {(ex.InnerException ?? ex).Message}", ex);
        }

        // An empty file is a valid configuration with nothing to scrape, as in Prometheus.
        if (stream.Documents.Count == 0 || YamlValues.IsNull(stream.Documents[0].RootNode))
        {
            return new ScrapeConfig(ScrapeConfig.DefaultScrapeInterval, ScrapeConfig.DefaultScrapeTimeout, new Dictionary<string, string>(), []);
        }

        if (stream.Documents.Count > 1)
        {
            throw _yaml.Error(stream.Documents[1].RootNode, "(file)", "expected one YAML document");
        }

        var root = _yaml.Mapping(stream.Documents[0].RootNode, "(file)");
        YamlNode? global = null, scrapeConfigs = null;
        foreach (var (keyNode, value) in root.Children)
        {
            switch (_yaml.Key(keyNode, "(file)"))
            {
                case "global":
                    global = value;
                    break;
                case "scrape_configs":
                    scrapeConfigs = value;
                    break;
                case var key:
                    throw UnknownSetting(keyNode, key, "(file)", PrometheusSettings.TopLevel.Contains(key));
            }
        }

        var (interval, timeout, externalLabels) = ReadGlobal(global);
        var jobs = new List<ScrapeJob>();
        if (scrapeConfigs is not null && !YamlValues.IsNull(scrapeConfigs))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var node in _yaml.Sequence(scrapeConfigs, "scrape_configs").Children)
            {
                var job = new ScrapeJobReader(_yaml, $"scrape_configs[{index++}]").Read(node, interval, timeout);
                if (!names.Add(job.JobName))
                {
                    throw _yaml.Error(node, "scrape_configs", $"found multiple scrape configs with job_name \"{job.JobName}\"");
                }

                jobs.Add(job);
            }
        }

        return new ScrapeConfig(interval, timeout, externalLabels, jobs);
    }

    private (TimeSpan Interval, TimeSpan Timeout, Dictionary<string, string> ExternalLabels) ReadGlobal(YamlNode? node)
    {
        TimeSpan? interval = null, timeout = null;
        var externalLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not null && !YamlValues.IsNull(node))
        {
            foreach (var (keyNode, value) in _yaml.Mapping(node, "global").Children)
            {
                switch (_yaml.Key(keyNode, "global"))
                {
                    case "scrape_interval":
                        interval = _yaml.Duration(value, "global.scrape_interval");
                        break;
                    case "scrape_timeout":
                        timeout = _yaml.Duration(value, "global.scrape_timeout");
                        break;
                    case "evaluation_interval":
                        // Rule evaluation is configured elsewhere; the value is still checked so a typo is caught.
                        _yaml.Duration(value, "global.evaluation_interval");
                        break;
                    case "external_labels":
                        externalLabels = _yaml.Labels(value, "global.external_labels");
                        break;
                    case var key:
                        throw UnknownSetting(keyNode, key, "global", PrometheusSettings.Global.Contains(key));
                }
            }
        }

        // Zero means "not set" in Prometheus; a timeout left unset never exceeds the interval.
        var effectiveInterval = interval is { } i && i > TimeSpan.Zero ? i : ScrapeConfig.DefaultScrapeInterval;
        var effectiveTimeout = timeout is { } t && t > TimeSpan.Zero
            ? t
            : TimeSpan.FromTicks(Math.Min(ScrapeConfig.DefaultScrapeTimeout.Ticks, effectiveInterval.Ticks));
        if (effectiveTimeout > effectiveInterval)
        {
            throw _yaml.Error(node!, "global", $"scrape_timeout ({PrometheusDuration(effectiveTimeout)}) is greater than scrape_interval ({PrometheusDuration(effectiveInterval)})");
        }

        return (effectiveInterval, effectiveTimeout, externalLabels);
    }

    private ScrapeConfigException UnknownSetting(YamlNode keyNode, string key, string path, bool isPrometheusSetting) =>
        _yaml.Error(keyNode, path, isPrometheusSetting
            ? $"\"{key}\" is a Prometheus setting that deepseek-observe does not support; remove it"
            : $"unknown setting \"{key}\"");

    private static string PrometheusDuration(TimeSpan duration) => Core.PrometheusDuration.Format(duration);
}
