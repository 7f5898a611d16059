namespace DeepSeek.Observe.Core.Tests;

public class LabelSetComparerTests
{
    [Fact]
    public void Compare_OrdersLabelByLabelLikePrometheus()
    {
        LabelSet Set(params (string Name, string Value)[] labels) => LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)));
        var sets = new List<LabelSet>
        {
            Set(("__name__", "up"), ("job", "b")),
            Set(("__name__", "up")),
            Set(("__name__", "down"), ("zone", "a")),
            Set(("__name__", "up"), ("instance", "z")),
        };

        sets.Sort(LabelSetComparer.Instance);

        Assert.Equal(
            ["down{zone=\"a\"}", "up{}", "up{instance=\"z\"}", "up{job=\"b\"}"],
            sets.Select(s => s.ToString()));
    }
}
