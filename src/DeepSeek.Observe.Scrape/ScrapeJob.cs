namespace DeepSeek.Observe.Scrape;

/// <summary>One <c>scrape_configs</c> entry, with the global defaults already applied.</summary>
/// <param name="JobName">job_name: unique; the <c>job</c> label of its targets.</param>
/// <param name="ScrapeInterval">How often each target is scraped.</param>
/// <param name="ScrapeTimeout">How long one scrape may take (at most the interval).</param>
/// <param name="MetricsPath">metrics_path (default /metrics).</param>
/// <param name="Scheme">http or https.</param>
/// <param name="Params">URL query parameters sent with every scrape.</param>
/// <param name="HonorLabels">Whether scraped labels win over target labels (else they are renamed <c>exported_…</c>).</param>
/// <param name="HonorTimestamps">Whether timestamps in the exposition are kept (else the scrape time is used).</param>
/// <param name="BodySizeLimit">Largest uncompressed body in bytes; 0: the platform's option <c>Scrape:MaxBodyBytes</c>.</param>
/// <param name="SampleLimit">Most samples per scrape; more fails the scrape. 0: no limit.</param>
/// <param name="LabelLimit">Most labels per series; more fails the scrape. 0: no limit.</param>
/// <param name="LabelNameLengthLimit">Longest label name; longer fails the scrape. 0: no limit.</param>
/// <param name="LabelValueLengthLimit">Longest label value; longer fails the scrape. 0: no limit.</param>
/// <param name="StaticConfigs">Target groups: addresses (host:port) and the labels they share.</param>
public sealed record ScrapeJob(
    string JobName,
    TimeSpan ScrapeInterval,
    TimeSpan ScrapeTimeout,
    string MetricsPath,
    string Scheme,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Params,
    bool HonorLabels,
    bool HonorTimestamps,
    long BodySizeLimit,
    int SampleLimit,
    int LabelLimit,
    int LabelNameLengthLimit,
    int LabelValueLengthLimit,
    IReadOnlyList<StaticTargetGroup> StaticConfigs);
