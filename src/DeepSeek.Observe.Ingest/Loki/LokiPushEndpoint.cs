using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Ingest.Internal;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Ingest.Loki;

/// <summary>
/// <c>POST /loki/api/v1/push</c>: Loki's push API, JSON (gzip accepted) or snappy-compressed protobuf. 204 once
/// durable, as Loki answers; 400/413/415 with a plain-text reason (nothing stored); 503 + Retry-After under
/// back-pressure, which Promtail, Alloy and Fluent Bit retry.
/// </summary>
internal static class LokiPushEndpoint
{
    public const string Receiver = "loki_push";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ILogAppender appender, IOptions<IngestOptions> options, IngestInstrumentation instrumentation, CancellationToken cancellationToken)
    {
        try
        {
            var type = request.ContentType ?? string.Empty;
            IReadOnlyList<StreamEntries> batch;
            if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                batch = LokiPushDecoder.DecodeJson(await RequestBody.ReadDecodedAsync(request, options.Value, cancellationToken), options.Value);
            }
            else if (type.Length == 0 || type.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase))
            {
                // Loki's own default when no type is given; the body is snappy-compressed by definition, not by header.
                batch = LokiPushDecoder.DecodeProtobuf(await RequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken), options.Value);
            }
            else
            {
                throw new IngestRejectedException(StatusCodes.Status415UnsupportedMediaType,
                    $"unsupported content type \"{type}\"; Loki push takes application/json or application/x-protobuf");
            }

            var lines = await appender.AppendAsync(batch, cancellationToken);
            instrumentation.LogLinesReceived.WithLabels(Receiver).Inc(lines);
            return Results.NoContent();
        }
        catch (Exception ex) when (Refusal.IsRefusal(ex))
        {
            var refusal = Refusal.Of(ex, Receiver, options.Value, instrumentation);
            return new TextError(refusal.StatusCode, refusal.Message, refusal.RetryAfterSeconds);
        }
    }
}
