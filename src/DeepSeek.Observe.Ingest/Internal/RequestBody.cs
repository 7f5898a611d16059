using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>Reads a request body whole, refusing (413) one over the limit before and while it is read.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body and undoes its <c>Content-Encoding</c> (gzip or none; 415 for anything else).</summary>
    public static async Task<byte[]> ReadDecodedAsync(HttpRequest request, IngestOptions options, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, options.MaxRequestBytes, cancellationToken);
        var encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return await GunzipAsync(body, options.MaxDecompressedBytes, cancellationToken);
        }

        if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new IngestRejectedException(StatusCodes.Status415UnsupportedMediaType, $"unsupported content encoding \"{encoding}\"; use gzip or none");
        }

        return body;
    }

    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw IngestRejectedException.TooLarge($"request body of {request.ContentLength} bytes exceeds the limit of {limit} bytes");
        }

        // The server's own cap (Kestrel: 30 MB) would answer first, without our message; this receiver's limit rules.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 64 * 1024, 1, Math.Max(1, limit)));
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw IngestRejectedException.TooLarge($"request body exceeds the limit of {limit} bytes");
            }
        }
    }

    private static async Task<byte[]> GunzipAsync(byte[] body, long limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await gzip.ReadAsync(buffer, cancellationToken)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > limit)
                {
                    throw IngestRejectedException.TooLarge($"decompressed body exceeds the limit of {limit} bytes");
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not valid gzip: {ex.Message}");
        }
    }
}
