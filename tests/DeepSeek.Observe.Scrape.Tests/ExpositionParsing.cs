using System.Globalization;
using DeepSeek.Observe.Scrape.Internal.Exposition;

namespace DeepSeek.Observe.Scrape.Tests;

/// <summary>Reads a whole exposition into plain records, for assertions.</summary>
internal static class ExpositionParsing
{
    public static List<ParsedSample> Read(string text, ExpositionFormat format)
    {
        var samples = new List<ParsedSample>();
        var reader = new ExpositionReader(text, format);
        while (reader.TryRead(out var sample))
        {
            var labels = new List<KeyValuePair<string, string>>();
            ExpositionLabels.Read(sample.Series, sample.NameLength, labels);
            samples.Add(new ParsedSample(
                sample.Name.ToString(),
                labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
                sample.Value,
                sample.HasTimestamp ? sample.TimestampMs : null));
        }

        return samples;
    }
}

internal sealed record ParsedSample(string Name, Dictionary<string, string> Labels, double Value, long? TimestampMs)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}} "
        + Value.ToString(CultureInfo.InvariantCulture)
        + (TimestampMs is { } ts ? $" @{ts}" : string.Empty);
}
