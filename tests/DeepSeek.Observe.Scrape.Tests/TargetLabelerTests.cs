using DeepSeek.Observe.Core;
using DeepSeek.Observe.Scrape.Internal.Scraping;

namespace DeepSeek.Observe.Scrape.Tests;

public class TargetLabelerTests
{
    private static readonly LabelSet s_target = LabelSet.Create([new Label("job", "j"), new Label("instance", "h:1")]);

    [Fact]
    public void Apply_NoConflict_AddsTargetLabels()
    {
        var labels = Labels(("__name__", "m"), ("a", "1"));

        TargetLabeler.Apply(labels, s_target, honorLabels: false);

        Assert.Equal("m{a=\"1\", instance=\"h:1\", job=\"j\"}", LabelSet.Create(labels).ToString());
    }

    [Fact]
    public void Apply_ConflictChain_RenamesShortestFirstUntilFree()
    {
        var labels = Labels(("__name__", "m"), ("job", "a"), ("exported_job", "b"), ("instance", "c"));

        TargetLabeler.Apply(labels, s_target, honorLabels: false);

        Assert.Equal(
            "m{exported_exported_job=\"a\", exported_instance=\"c\", exported_job=\"b\", instance=\"h:1\", job=\"j\"}",
            LabelSet.Create(labels).ToString());
    }

    [Fact]
    public void Apply_EmptyScrapedValue_IsNoConflict()
    {
        var labels = Labels(("__name__", "m"), ("job", ""));

        TargetLabeler.Apply(labels, s_target, honorLabels: false);

        Assert.Equal("m{instance=\"h:1\", job=\"j\"}", LabelSet.Create(labels).ToString());
    }

    [Fact]
    public void Apply_HonorLabels_KeepsScrapedEvenWhenEmpty()
    {
        var labels = Labels(("__name__", "m"), ("job", ""), ("instance", "x"));

        TargetLabeler.Apply(labels, s_target, honorLabels: true);

        Assert.Equal("m{instance=\"x\"}", LabelSet.Create(labels).ToString());
    }

    private static List<KeyValuePair<string, string>> Labels(params (string Name, string Value)[] labels) =>
        labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).ToList();
}
