using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using DeepSeek.Observe.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Tests;

public class MetadataStoreTests
{
    private static MetadataStore Create(int maxFamilies = 100, int maxPerFamily = 8) =>
        new(Options.Create(new StorageOptions { MaxMetadataFamilies = maxFamilies, MaxMetadataPerFamily = maxPerFamily }), new StorageInstrumentation());

    private static MetricMetadata Entry(string family, MetricType type = MetricType.Counter, string help = "h", string unit = "") =>
        new(family, type, help, unit);

    [Fact]
    public void Record_SameEntryTwice_KeepsOne()
    {
        var store = Create();

        store.Record([Entry("a_total"), Entry("a_total")]);
        store.Record([Entry("a_total")]);

        Assert.Equal([Entry("a_total")], store.Query("a_total", null, null)["a_total"]);
    }

    [Fact]
    public void Record_DifferentHelpTypeOrUnit_KeepsEach()
    {
        var store = Create();

        store.Record([Entry("a"), Entry("a", help: "other"), Entry("a", type: MetricType.Gauge), Entry("a", unit: "seconds")]);

        Assert.Equal(4, store.Query("a", null, null)["a"].Count);
    }

    [Fact]
    public void Record_PastMaxFamilies_DropsNewFamiliesButUpdatesKnownOnes()
    {
        var store = Create(maxFamilies: 2);
        var dropped = new StorageInstrumentation().MetadataDropped.WithLabels("families").Value;

        store.Record([Entry("a"), Entry("b"), Entry("c"), Entry("a", help: "new")]);

        var all = store.Query(null, null, null);
        Assert.Equal(["a", "b"], all.Keys);
        Assert.Equal(2, all["a"].Count);
        Assert.True(new StorageInstrumentation().MetadataDropped.WithLabels("families").Value >= dropped + 1);
    }

    [Fact]
    public void Record_ZeroMaxFamilies_KeepsNothing()
    {
        var store = Create(maxFamilies: 0);

        store.Record([Entry("a")]);

        Assert.Empty(store.Query(null, null, null));
    }

    [Fact]
    public void Record_FamilyFull_EvictsTheEntrySeenLeastRecently()
    {
        var store = Create(maxPerFamily: 2);
        store.Record([Entry("a", help: "1"), Entry("a", help: "2")]);
        store.Record([Entry("a", help: "1")]); // "2" is now the stalest

        store.Record([Entry("a", help: "3")]);

        Assert.Equal(["1", "3"], store.Query("a", null, null)["a"].Select(e => e.Help).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Record_NameHelpOrUnitLongerThanTheCap_IsDropped()
    {
        var store = Create();
        var tooLong = new string('x', MetadataStore.MaxHelpLength + 1);

        store.Record([Entry("a", help: tooLong), Entry("b", help: tooLong[1..]), Entry("c", unit: tooLong), Entry(tooLong)]);

        Assert.Equal(["b"], store.Query(null, null, null).Keys);
    }

    [Fact]
    public void Query_Limits_CapFamiliesAndEntriesInNameOrder()
    {
        var store = Create();
        store.Record([Entry("c"), Entry("a"), Entry("b"), Entry("a", help: "2"), Entry("a", help: "3")]);

        Assert.Equal(["a", "b"], store.Query(null, 2, null).Keys);
        Assert.Empty(store.Query(null, 0, null));
        Assert.Empty(store.Query("a", 0, null));
        Assert.Equal(["h", "2"], store.Query(null, null, 2)["a"].Select(e => e.Help));
        Assert.Equal(3, store.Query(null, null, null)["a"].Count);
    }

    [Fact]
    public void Query_UnknownMetric_IsEmpty()
    {
        var store = Create();
        store.Record([Entry("a")]);

        Assert.Empty(store.Query("nope", null, null));
    }

    [Fact]
    public async Task Record_ConcurrentWritersOfNewFamilies_NeverPassTheCap()
    {
        var store = Create(maxFamilies: 500);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                store.Record([Entry($"f{(w * 1000) + i}")]);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(500, store.Query(null, null, null).Count);
    }
}
