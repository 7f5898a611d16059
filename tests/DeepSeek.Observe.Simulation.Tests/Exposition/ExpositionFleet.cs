using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Exposition;

namespace DeepSeek.Observe.Simulation.Tests.Exposition;

/// <summary>
/// A small fleet with every kind of target (one training node, one inference node) and a reader for the exposition
/// that is independent of the writer: it parses sample lines back into label sets with the scrape's job/instance added.
/// </summary>
internal static partial class ExpositionFleet
{
    public const long Step = 100;

    public static FleetGenerator Generator { get; } =
        new(new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, 42))), new SimulationTime(1_760_000_000_000, 15_000));

    public static IReadOnlyList<ExposedTarget> Targets { get; } = FleetTargets.Of(Generator.Catalog);

    public static double[] Values(long step = Step)
    {
        var values = new double[Generator.Catalog.Count];
        Generator.Generate(step, values);
        return values;
    }

    public static string Expose(ExposedTarget target, double[] values)
    {
        var text = new StringBuilder();
        ExpositionWriter.Write(text, target, values);
        return text.ToString();
    }

    /// <summary>Each sample line's labels (with <paramref name="target"/>'s job and instance added) and value.</summary>
    public static List<(LabelSet Labels, double Value, bool HadScrapeLabels)> Samples(string exposition, ExposedTarget target)
    {
        var samples = new List<(LabelSet, double, bool)>();
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = new List<Label> { new(LabelNames.MetricName, match.Groups["name"].Value) };
            labels.AddRange(LabelPair().Matches(match.Groups["labels"].Value).Select(m => new Label(m.Groups[1].Value, Unescape(m.Groups[2].Value))));
            var hadScrapeLabels = labels.Any(l => l.Name is "job" or "instance");
            labels.Add(new Label("job", target.Job));
            labels.Add(new Label("instance", target.Instance));
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add((LabelSet.Create([.. labels]), value, hadScrapeLabels));
        }

        return samples;
    }

    private static string Unescape(string value) => value.Replace(@"\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace(@"\\", @"\", StringComparison.Ordinal);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();
}
