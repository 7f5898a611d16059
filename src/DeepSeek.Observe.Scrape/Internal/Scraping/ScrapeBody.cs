using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>
/// A scrape response read whole (the parsers need it all) and decoded as strict UTF-8 into a pooled buffer,
/// refusing a body over the limit while it is read, after decompression, so a small gzip bomb cannot get past it.
/// </summary>
internal sealed class ScrapeBody : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private char[] _chars;

    private ScrapeBody(char[] chars, int length)
    {
        _chars = chars;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, Length);

    public static async Task<ScrapeBody> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var encoding = content.Headers.ContentEncoding;
        await using var raw = await content.ReadAsStreamAsync(cancellationToken);
        await using var stream = encoding.Contains("gzip", StringComparer.OrdinalIgnoreCase)
            ? new GZipStream(raw, CompressionMode.Decompress)
            : encoding.Contains("deflate", StringComparer.OrdinalIgnoreCase) ? new ZLibStream(raw, CompressionMode.Decompress) : raw;

        var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(content.Headers.ContentLength ?? 0, 64 * 1024), limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == bytes.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)bytes.Length * 2, limit + 1));
                    bytes.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = larger;
                }

                var read = await stream.ReadAsync(bytes.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw new ScrapeFailedException("body_size", $"body size limit exceeded ({limit} bytes)");
                }
            }

            return Decode(bytes.AsSpan(0, length));
        }
        catch (InvalidDataException ex)
        {
            throw new ScrapeFailedException("body", $"cannot decompress the body: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose()
    {
        if (_chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = [];
        }
    }

    private static ScrapeBody Decode(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            return new ScrapeBody(chars, s_utf8.GetChars(bytes, chars));
        }
        catch (DecoderFallbackException ex)
        {
            ArrayPool<char>.Shared.Return(chars);
            throw new ScrapeFailedException("format", $"body is not valid UTF-8 (byte offset {ex.Index})", ex);
        }
    }
}
