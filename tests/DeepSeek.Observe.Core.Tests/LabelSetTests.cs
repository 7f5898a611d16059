using System.Text.Json;

namespace DeepSeek.Observe.Core.Tests;

public class LabelSetTests
{
    private static LabelSet Gpu(string hostname = "node-1", string gpu = "0") => LabelSet.Create(new Dictionary<string, string>
    {
        ["gpu"] = gpu,
        ["__name__"] = "DCGM_FI_DEV_GPU_TEMP",
        ["Hostname"] = hostname,
    });

    [Fact]
    public void Create_UnsortedInput_SortsByNameOrdinal()
    {
        var names = Gpu().Select(l => l.Name).ToArray();

        Assert.Equal(["Hostname", "__name__", "gpu"], names);
    }

    [Fact]
    public void Create_EmptyValue_DropsLabelLikePrometheus()
    {
        var set = LabelSet.Create(new Dictionary<string, string> { ["__name__"] = "up", ["pod"] = string.Empty });

        Assert.False(set.Contains("pod"));
        Assert.Equal(LabelSet.Create(new Dictionary<string, string> { ["__name__"] = "up" }), set);
    }

    [Theory]
    [InlineData("1abc", "invalid label name \"1abc\"")]
    [InlineData("a-b", "invalid label name \"a-b\"")]
    [InlineData("", "invalid label name \"\"")]
    public void TryCreate_InvalidLabelName_ReportsReason(string name, string expected)
    {
        var ok = LabelSet.TryCreate([KeyValuePair.Create(name, "x")], out _, out var error);

        Assert.False(ok);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryCreate_DuplicateName_ReportsReason()
    {
        var ok = LabelSet.TryCreate([KeyValuePair.Create("a", "1"), KeyValuePair.Create("a", "2")], out _, out var error);

        Assert.False(ok);
        Assert.Equal("duplicate label name \"a\"", error);
    }

    [Fact]
    public void TryCreate_InvalidMetricName_ReportsReason()
    {
        var ok = LabelSet.TryCreate([KeyValuePair.Create("__name__", "gpu-temp")], out _, out var error);

        Assert.False(ok);
        Assert.Equal("invalid metric name \"gpu-temp\"", error);
    }

    [Fact]
    public void Fingerprint_EqualSets_AreEqualAndDifferentSetsDiffer()
    {
        Assert.Equal(Gpu().Fingerprint, Gpu().Fingerprint);
        Assert.NotEqual(Gpu(gpu: "0").Fingerprint, Gpu(gpu: "1").Fingerprint);
    }

    [Fact]
    public void Fingerprint_NameValueBoundary_IsUnambiguous()
    {
        var a = LabelSet.Create([new Label("a", "bc")]);
        var b = LabelSet.Create([new Label("ab", "c")]);

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Fingerprint_IsStableAcrossReleases()
    {
        // FNV-1a 64 of the bytes "a" 0xFF "b" 0xFF, computed independently: a stored fingerprint must never change.
        var set = LabelSet.Create([new Label("a", "b")]);

        Assert.Equal(0xD2B371819297F98AUL, set.Fingerprint);
    }

    [Fact]
    public void Indexer_ByName_ReturnsValueOrNull()
    {
        var set = Gpu();

        Assert.Equal("node-1", set["Hostname"]);
        Assert.Equal("DCGM_FI_DEV_GPU_TEMP", set.MetricName);
        Assert.Null(set["pod"]);
    }

    [Fact]
    public void WithAndWithout_ReturnNewSets()
    {
        var set = Gpu();

        var with = set.With("pod", "trainer-0");
        var without = with.Without("pod");

        Assert.Equal("trainer-0", with["pod"]);
        Assert.Equal(set, without);
        Assert.Null(set["pod"]);
        Assert.Same(set, set.Without("absent"));
    }

    [Fact]
    public void ToString_UsesPrometheusNotationWithEscapes()
    {
        var set = LabelSet.Create(new Dictionary<string, string> { ["__name__"] = "up", ["msg"] = "a \"b\"\n", ["z"] = "1" });

        Assert.Equal("up{msg=\"a \\\"b\\\"\\n\", z=\"1\"}", set.ToString());
    }

    [Fact]
    public void Json_RoundTrip_PreservesSet()
    {
        var json = JsonSerializer.Serialize(Gpu());
        var back = JsonSerializer.Deserialize<LabelSet>(json);

        Assert.Equal("{\"Hostname\":\"node-1\",\"__name__\":\"DCGM_FI_DEV_GPU_TEMP\",\"gpu\":\"0\"}", json);
        Assert.Equal(Gpu(), back);
    }

    [Fact]
    public void Json_InvalidName_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LabelSet>("{\"bad-name\":\"x\"}"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LabelSet>("{\"a\":1}"));
    }
}
