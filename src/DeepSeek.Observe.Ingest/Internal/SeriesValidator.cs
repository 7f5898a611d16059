using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>The identity rules every receiver applies to a series or log stream before the store sees it.</summary>
internal static class SeriesValidator
{
    /// <summary>Builds the series' label set or throws a 400 that names the series and the rule it breaks.</summary>
    public static LabelSet ToLabelSet(IReadOnlyList<KeyValuePair<string, string>> labels, IngestOptions options)
    {
        var set = Validate(labels, options);
        if (set.MetricName is null)
        {
            throw IngestRejectedException.BadRequest($"series has no metric name (label __name__): {Describe(labels)}");
        }

        return set;
    }

    /// <summary>
    /// Builds a log stream's label set or throws a 400: the same limits as series, at least one label (as Loki
    /// requires), and no <c>__name__</c>, which would make a stream look like a series.
    /// </summary>
    public static LabelSet ToStreamLabels(IReadOnlyList<KeyValuePair<string, string>> labels, IngestOptions options)
    {
        var set = Validate(labels, options);
        if (set.Count == 0)
        {
            throw IngestRejectedException.BadRequest("log stream has no labels; at least one label pair is required per stream");
        }

        if (set.MetricName is not null)
        {
            throw IngestRejectedException.BadRequest($"log stream labels must not include {LabelNames.MetricName}: {Describe(labels)}");
        }

        return set;
    }

    private static LabelSet Validate(IReadOnlyList<KeyValuePair<string, string>> labels, IngestOptions options)
    {
        if (labels.Count > options.MaxLabelsPerSeries)
        {
            throw IngestRejectedException.BadRequest(
                $"series has {labels.Count} labels, over the limit of {options.MaxLabelsPerSeries}: {Describe(labels)}");
        }

        foreach (var (name, value) in labels)
        {
            if (name.Length > options.MaxLabelNameLength)
            {
                throw IngestRejectedException.BadRequest($"label name of {name.Length} characters is over the limit of {options.MaxLabelNameLength}: {Describe(labels)}");
            }

            if (value.Length > options.MaxLabelValueLength)
            {
                throw IngestRejectedException.BadRequest(
                    $"value of label \"{name}\" has {value.Length} characters, over the limit of {options.MaxLabelValueLength}: {Describe(labels)}");
            }
        }

        if (!LabelSet.TryCreate(labels, out var set, out var error))
        {
            throw IngestRejectedException.BadRequest($"{error} in {Describe(labels)}");
        }

        return set;
    }

    private static string Describe(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var text = "{" + string.Join(", ", labels.Take(8).Select(l => $"{l.Key}=\"{Truncate(l.Value)}\"")) + (labels.Count > 8 ? ", …}" : "}");
        return text;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
