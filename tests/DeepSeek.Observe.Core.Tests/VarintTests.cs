using System.Buffers;
using DeepSeek.Observe.Core.Binary;

namespace DeepSeek.Observe.Core.Tests;

public class VarintTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Write_MatchesProtobufEncoding(ulong value, byte[] expected)
    {
        var writer = new ArrayBufferWriter<byte>();

        Varint.Write(writer, value);

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        Assert.Equal(expected.Length, Varint.Length(value));
    }

    [Theory]
    [InlineData(0L, 0UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(1L, 2UL)]
    [InlineData(-2L, 3UL)]
    [InlineData(long.MaxValue, ulong.MaxValue - 1)]
    [InlineData(long.MinValue, ulong.MaxValue)]
    public void ZigZag_MapsSignedToUnsignedAndBack(long value, ulong expected)
    {
        Assert.Equal(expected, Varint.ZigZag(value));
        Assert.Equal(value, Varint.UnZigZag(expected));
    }
}
