using System.Text.Json;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary>Reads a bounded JSON request body, turning every way it can be wrong into a message for a 400.</summary>
internal static class ApiBody
{
    // Alert batches from Prometheus are a few hundred KiB at most (64 alerts per batch by default); 8 MiB leaves
    // room for hand-made batches without letting one request hold much memory.
    public const int MaxBytes = 8 << 20;

    public static async Task<(JsonDocument? Document, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, $"request body is larger than {MaxBytes} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, $"request body is larger than {MaxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), null);
        }
        catch (JsonException ex)
        {
            return (null, $"request body is not valid JSON: {ex.Message}");
        }
    }

    public static IResult BadRequest(string message) => TypedResults.Json(message, statusCode: StatusCodes.Status400BadRequest);
}
