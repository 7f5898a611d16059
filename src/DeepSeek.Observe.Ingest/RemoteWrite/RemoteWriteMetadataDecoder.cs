using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// One remote_write 1.0 <c>MetricMetadata</c> message: type (enum, field 1), metric_family_name (2), help (4), unit (5).
/// Field 3 is unused in the specification.
/// </summary>
internal static class RemoteWriteMetadataDecoder
{
    private const int TypeField = 1, FamilyNameField = 2, HelpField = 4, UnitField = 5;

    public static MetricMetadata Decode(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        var type = MetricType.Unknown;
        string family = string.Empty, help = string.Empty, unit = string.Empty;
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (TypeField, ProtoReader.Varint):
                    // proto3 keeps enum values it does not know; a type added after 1.0 reads as unknown, as in Prometheus.
                    var value = reader.ReadVarint();
                    type = MetricTypes.IsDefined(value) ? (MetricType)value : MetricType.Unknown;
                    break;
                case (FamilyNameField, ProtoReader.LengthDelimited):
                    family = RemoteWriteDecoder.Utf8(reader.ReadLengthDelimited(), "a metadata family name");
                    break;
                case (HelpField, ProtoReader.LengthDelimited):
                    help = RemoteWriteDecoder.Utf8(reader.ReadLengthDelimited(), "a metadata help text");
                    break;
                case (UnitField, ProtoReader.LengthDelimited):
                    unit = RemoteWriteDecoder.Utf8(reader.ReadLengthDelimited(), "a metadata unit");
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (family.Length == 0)
        {
            throw ProtoReader.Malformed("metadata without metric_family_name");
        }

        return new MetricMetadata(family, type, help, unit);
    }
}
