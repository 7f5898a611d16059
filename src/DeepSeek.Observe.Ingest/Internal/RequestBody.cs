using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>Reads a request body whole, refusing (413) one over the limit before and while it is read.</summary>
internal static class RequestBody
{
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
}
