using System.Security.Cryptography;
using System.Text;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>The unique key of a row of <c>observe.series</c>: SHA-256 over the label set's names and values.</summary>
internal static class SeriesKey
{
    // 0xFF never occurs in UTF-8, so it separates names and values unambiguously ("a"+"bc" vs "ab"+"c"), as in
    // LabelSet's fingerprint; the sets are sorted by name, so equal sets hash equally.
    private const byte Separator = 0xFF;

    public static byte[] Compute(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> separator = [Separator];
        foreach (var label in labels)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(label.Name));
            hash.AppendData(separator);
            hash.AppendData(Encoding.UTF8.GetBytes(label.Value));
            hash.AppendData(separator);
        }

        return hash.GetHashAndReset();
    }
}
