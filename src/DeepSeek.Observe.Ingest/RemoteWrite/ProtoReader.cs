using System.Buffers.Binary;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Protobuf wire-format reading over a span (https://protobuf.dev/programming-guides/encoding/): tags, varints,
/// fixed64 and length-delimited fields, skipping fields it does not know. Malformed input throws a 400.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly bool End => Position >= _data.Length;

    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = (int)(tag >> 3);
        if (field == 0 || tag > uint.MaxValue)
        {
            throw Malformed("invalid field tag");
        }

        return (field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _data.Length)
            {
                throw Malformed("truncated varint");
            }

            var b = _data[Position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    public ulong ReadFixed64()
    {
        if (Position + 8 > _data.Length)
        {
            throw Malformed("truncated fixed64");
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[Position..]);
        Position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - Position))
        {
            throw Malformed("length-delimited field runs past the end of its message");
        }

        var slice = _data.Slice(Position, (int)length);
        Position += (int)length;
        return slice;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                ReadFixed64();
                break;
            case LengthDelimited:
                ReadLengthDelimited();
                break;
            case Fixed32 when Position + 4 <= _data.Length:
                Position += 4;
                break;
            default:
                throw Malformed($"unsupported wire type {wireType}");
        }
    }

    public static IngestRejectedException Malformed(string reason) =>
        IngestRejectedException.BadRequest($"body is not a protobuf WriteRequest: {reason}");
}
