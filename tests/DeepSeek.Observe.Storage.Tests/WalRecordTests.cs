using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Embedded;

namespace DeepSeek.Observe.Storage.Tests;

public class WalRecordTests
{
    private static readonly LabelSet s_series = LabelSet.Create([new Label("__name__", "DCGM_FI_DEV_GPU_TEMP"), new Label("gpu", "0")]);

    [Fact]
    public void EncodeDecode_ValuesOfEveryKind_RoundTripBitExact()
    {
        double[] values = [0, -0.0, 61, 61, 62.125, -1e300, double.MaxValue, double.Epsilon, double.NaN, Sample.StaleNaN, double.PositiveInfinity, 61];
        var samples = new List<(ulong, Sample, ulong)>();
        var previous = 0UL;
        for (var i = 0; i < values.Length; i++)
        {
            samples.Add((1, new Sample(1_700_000_000_000 + (i * 15_000), values[i]), previous));
            previous = BitConverter.DoubleToUInt64Bits(values[i]);
        }

        var record = WalRecord.Encode([(1, s_series)], samples);
        var (series, decoded) = WalRecord.Decode(record.AsSpan(WalRecord.HeaderSize), _ => throw new InvalidOperationException("series is created by the record"));

        Assert.Equal(s_series, Assert.Single(series).Labels);
        Assert.Equal(
            values.Select(BitConverter.DoubleToUInt64Bits),
            decoded.Select(d => BitConverter.DoubleToUInt64Bits(d.Sample.Value)));
        Assert.Equal(samples.Select(s => s.Item2.TimestampMs), decoded.Select(d => d.Sample.TimestampMs));
    }

    [Fact]
    public void EncodeDecode_InterleavedSeriesAndEarlierTimestamps_ChainPerSeries()
    {
        // Two existing series whose last values before this record were 10 and 20; refs jump both ways.
        var before = new Dictionary<ulong, ulong> { [7] = Bits(10), [900] = Bits(20) };
        var samples = new List<(ulong, Sample, ulong)>
        {
            (900, new Sample(5000, 21), Bits(20)),
            (7, new Sample(4000, 11), Bits(10)),
            (900, new Sample(6000, 21), Bits(21)),
            (7, new Sample(3000, 12), Bits(11)),
        };

        var record = WalRecord.Encode([], samples);
        var (_, decoded) = WalRecord.Decode(record.AsSpan(WalRecord.HeaderSize), reference => before[reference]);

        Assert.Equal(samples.Select(s => (s.Item1, s.Item2)), decoded);
    }

    [Fact]
    public void Encode_ScrapeOfSteadyGauges_TakesFewBytesPerSample()
    {
        var samples = Enumerable.Range(1, 1000).Select(i => ((ulong)i, new Sample(1_700_000_000_000, 60 + (i % 3)), Bits(60 + (i % 3)))).ToList();

        var record = WalRecord.Encode([], samples);

        // Delta refs, shared timestamp, unchanged values: 3 bytes a sample, against 24 uncompressed.
        Assert.InRange(record.Length, 3000, 3100);
    }

    [Fact]
    public void Decode_OtherVersion_IsNotSupported()
    {
        var record = WalRecord.Encode([], [(1, new Sample(1, 1), 0)]);
        record[WalRecord.HeaderSize] = 99;

        Assert.Throws<NotSupportedException>(() => WalRecord.Decode(record.AsSpan(WalRecord.HeaderSize), _ => 0));
    }

    private static ulong Bits(double value) => BitConverter.DoubleToUInt64Bits(value);
}
