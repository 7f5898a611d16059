using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Chunks;

namespace DeepSeek.Observe.Storage.Tests;

public sealed class SampleChunkTests
{
    public static TheoryData<string> Shapes => ["integer-gauge", "three-decimals", "counter", "random-bits", "special", "irregular-time", "single"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Round_trips_bit_exactly(string shape)
    {
        var samples = Generate(shape, 240);
        var chunk = SampleChunk.Encode(samples);

        var decoded = SampleChunk.Decode(chunk);

        Assert.Equal(samples.Length, decoded.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i].TimestampMs, decoded[i].TimestampMs);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].Value), BitConverter.DoubleToUInt64Bits(decoded[i].Value));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Streaming_appender_decodes_what_it_was_given(string shape)
    {
        var samples = Generate(shape, 130);
        var appender = new XorChunkAppender();
        var decoded = new List<Sample>();
        foreach (var sample in samples)
        {
            appender.Append(sample.TimestampMs, sample.Value);
        }

        appender.Decode(decoded, long.MinValue, long.MaxValue);

        Assert.Equal(samples.Select(s => (s.TimestampMs, BitConverter.DoubleToUInt64Bits(s.Value))),
            decoded.Select(s => (s.TimestampMs, BitConverter.DoubleToUInt64Bits(s.Value))));
        Assert.Equal(samples.Length, SampleChunk.Count(appender.ToChunk()));
    }

    [Fact]
    public void Decoding_a_range_returns_only_samples_inside_it()
    {
        var samples = Generate("counter", 100);
        var into = new List<Sample>();

        SampleChunk.Decode(SampleChunk.Encode(samples), into, samples[10].TimestampMs, samples[19].TimestampMs);

        Assert.Equal(samples[10..20], into.ToArray());
    }

    [Theory]
    [InlineData("integer-gauge", 0.5)]
    [InlineData("counter", 0.4)]
    [InlineData("three-decimals", 3.5)]
    public void Regular_scrapes_of_typical_gauges_compress_far_below_sixteen_bytes(string shape, double maxBytesPerSample)
    {
        var samples = Generate(shape, 240);

        var bytesPerSample = SampleChunk.Encode(samples).Length / (double)samples.Length;

        Assert.True(bytesPerSample <= maxBytesPerSample, $"{shape}: {bytesPerSample:F2} bytes/sample");
    }

    [Fact]
    public void Decimal_encoding_beats_xor_on_short_decimals()
    {
        var samples = Generate("three-decimals", 240);
        var xor = new XorChunkAppender();
        foreach (var sample in samples)
        {
            xor.Append(sample.TimestampMs, sample.Value);
        }

        var chunk = SampleChunk.Encode(samples);

        Assert.Contains(chunk[0], new[] { SampleChunk.Decimal, SampleChunk.DecimalDoubleDelta });
        Assert.True(chunk.Length < xor.ByteLength / 2, $"{chunk.Length} vs xor {xor.ByteLength}");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { 9, 1, 2, 0 })]
    [InlineData(new byte[] { 1, 5, 2, 0x3f })]
    [InlineData(new byte[] { 2, 5, 2, 42, 0 })]
    public void Corrupt_chunks_are_invalid_data_not_crashes(byte[] chunk) =>
        Assert.Throws<InvalidDataException>(() => SampleChunk.Decode(chunk));

    [Fact]
    public void Truncating_a_chunk_is_detected()
    {
        var chunk = SampleChunk.Encode(Generate("random-bits", 50));

        Assert.Throws<InvalidDataException>(() => SampleChunk.Decode(chunk.AsSpan(0, chunk.Length / 2)));
    }

    private static Sample[] Generate(string shape, int count)
    {
        var random = new Random(shape.Length * 7919);
        var start = 1_700_000_000_000L;
        var samples = new Sample[count];
        var counter = 1_000_000.0;
        for (var i = 0; i < count; i++)
        {
            var t = shape == "irregular-time" ? start + (i * 15_000L) + random.Next(-400, 400) : start + (i * 15_000L);
            double value = shape switch
            {
                "integer-gauge" => 60 + Math.Round(Math.Sin(i / 40.0) * 3),
                "three-decimals" => Math.Round(520 + (Math.Sin(i / 30.0) * 40) + random.NextDouble(), 3),
                "counter" => counter += 1500,
                "random-bits" => random.NextDouble() * 1e6,
                "special" => (i % 5) switch
                {
                    0 => double.NaN,
                    1 => Sample.StaleNaN,
                    2 => double.PositiveInfinity,
                    3 => -0.0,
                    _ => double.Epsilon,
                },
                _ => random.Next(100),
            };
            samples[i] = new Sample(t, value);
        }

        return shape == "single" ? samples[..1] : samples;
    }
}
