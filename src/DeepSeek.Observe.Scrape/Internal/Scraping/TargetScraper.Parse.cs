using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Scrape.Internal.Exposition;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

internal sealed partial class TargetScraper
{
    // Series text as exposed ("name{a=\"1\"}") → final labels, for the series of the previous scrape. Most series
    // repeat every scrape, so a hit skips unescaping, merging with the target's labels and building a LabelSet.
    // Bounded by one scrape's series, which the body size limit bounds.
    private Dictionary<string, LabelSet> _labelCache = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _scratch = new(32);

    /// <summary>Turns an exposition into samples with final labels; throws <see cref="ScrapeFailedException"/> on any violation.</summary>
    internal ScrapeResult Parse(ReadOnlySpan<char> text, ExpositionFormat format, long timestampMs)
    {
        var job = Target.Job;
        var previous = _labelCache.GetAlternateLookup<ReadOnlySpan<char>>();
        var next = new Dictionary<string, LabelSet>(_labelCache.Count, StringComparer.Ordinal);
        var nextLookup = next.GetAlternateLookup<ReadOnlySpan<char>>();
        var samples = new List<SeriesSamples>(_labelCache.Count + _reportSeries.Length);
        var tracked = new HashSet<LabelSet>(_labelCache.Count);
        var timestamped = new List<SeriesSamples>();

        // The synthetic series are written by the scraper; an exposed series with the same labels is dropped, not
        // written twice in one batch.
        var seen = new HashSet<LabelSet>(_reportSeries);
        int scraped = 0, added = 0;
        _metadata.Begin();
        var reader = new ExpositionReader(text, format, _metadata);
        while (reader.TryRead(out var sample))
        {
            scraped++;
            if (!nextLookup.TryGetValue(sample.Series, out var labels))
            {
                if (previous.TryGetValue(sample.Series, out var key, out labels))
                {
                    next.Add(key, labels);
                }
                else
                {
                    labels = BuildLabels(sample.Series, sample.NameLength);
                    next.Add(sample.Series.ToString(), labels);
                    added++;
                }
            }

            if (!seen.Add(labels))
            {
                continue;
            }

            if (job.SampleLimit > 0 && seen.Count - _reportSeries.Length > job.SampleLimit)
            {
                throw new ScrapeFailedException("sample_limit", $"sample limit exceeded (limit: {job.SampleLimit})");
            }

            if (sample.HasTimestamp && job.HonorTimestamps)
            {
                timestamped.Add(new SeriesSamples(labels, [new Sample(sample.TimestampMs, sample.Value)]));
            }
            else
            {
                tracked.Add(labels);
                samples.Add(new SeriesSamples(labels, [new Sample(timestampMs, sample.Value)]));
            }
        }

        _labelCache = next;
        return new ScrapeResult(samples, timestamped, seen, tracked, scraped, added);
    }

    private LabelSet BuildLabels(ReadOnlySpan<char> series, int nameLength)
    {
        var labels = _scratch;
        labels.Clear();
        labels.Add(KeyValuePair.Create(LabelNames.MetricName, series[..nameLength].ToString()));
        ExpositionLabels.Read(series, nameLength, labels);
        TargetLabeler.Apply(labels, Target.Labels, Target.Job.HonorLabels);
        CheckLimits(labels, series[..nameLength]);
        TargetLabeler.AddExternal(labels, Target.ExternalLabels);
        return LabelSet.TryCreate(labels, out var set, out var error)
            ? set
            : throw new ScrapeFailedException("format", $"{error} in series {Excerpt(series)}");
    }

    /// <summary>label_limit, label_name_length_limit and label_value_length_limit, with Prometheus's messages.</summary>
    private void CheckLimits(List<KeyValuePair<string, string>> labels, ReadOnlySpan<char> metric)
    {
        var job = Target.Job;
        if (job.LabelLimit == 0 && job.LabelNameLengthLimit == 0 && job.LabelValueLengthLimit == 0)
        {
            return;
        }

        var count = 0;
        foreach (var (name, value) in labels)
        {
            if (value.Length == 0)
            {
                continue;
            }

            count++;
            if (job.LabelNameLengthLimit > 0 && name.Length > job.LabelNameLengthLimit)
            {
                throw new ScrapeFailedException("label_limit", string.Create(CultureInfo.InvariantCulture,
                    $"label_name_length_limit exceeded (metric: {Excerpt(metric)}, label name: {Excerpt(name)}, length: {name.Length}, limit: {job.LabelNameLengthLimit})"));
            }

            if (job.LabelValueLengthLimit > 0 && value.Length > job.LabelValueLengthLimit)
            {
                throw new ScrapeFailedException("label_limit", string.Create(CultureInfo.InvariantCulture,
                    $"label_value_length_limit exceeded (metric: {Excerpt(metric)}, label name: {Excerpt(name)}, value: \"{Excerpt(value)}\", length: {value.Length}, limit: {job.LabelValueLengthLimit})"));
            }
        }

        if (job.LabelLimit > 0 && count > job.LabelLimit)
        {
            throw new ScrapeFailedException("label_limit", string.Create(CultureInfo.InvariantCulture,
                $"label_limit exceeded (metric: {Excerpt(metric)}, number of labels: {count}, limit: {job.LabelLimit})"));
        }
    }

    private static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 50 ? text.ToString() : text[..50].ToString();
}
