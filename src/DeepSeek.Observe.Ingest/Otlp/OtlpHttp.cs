using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Otlp;
using Google.Protobuf;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// OTLP/HTTP framing (https://opentelemetry.io/docs/specs/otlp/#otlphttp): protobuf (<c>application/x-protobuf</c>,
/// the SDKs' default) or JSON (<c>application/json</c>), optionally gzip-compressed; responses and errors
/// (<c>google.rpc.Status</c>) in the request's encoding.
/// </summary>
internal static class OtlpHttp
{
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";
    private static readonly JsonParser s_json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith(Json, StringComparison.OrdinalIgnoreCase) == true;

    public static async Task<T> ReadAsync<T>(HttpRequest request, MessageParser<T> parser, IngestOptions options, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        var json = IsJson(request);
        if (!json && request.ContentType is { Length: > 0 } type && !type.StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            throw new IngestRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"unsupported content type \"{type}\"; OTLP/HTTP takes {Protobuf} or {Json}");
        }

        var body = await RequestBody.ReadDecodedAsync(request, options, cancellationToken);

        try
        {
            return json ? s_json.Parse<T>(System.Text.Encoding.UTF8.GetString(body)) : parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not a valid OTLP {typeof(T).Name}: {ex.Message}");
        }
        catch (InvalidJsonException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not valid OTLP JSON: {ex.Message}");
        }
    }

    public static IResult Message(IMessage message, bool json, int statusCode = StatusCodes.Status200OK) =>
        json
            ? Results.Text(JsonFormatter.Default.Format(message), Json, System.Text.Encoding.UTF8, statusCode)
            : new ProtobufResult(message.ToByteArray(), statusCode);

    public static IResult Error(int statusCode, string message, bool json, int? retryAfterSeconds = null)
    {
        var status = new Status { Code = statusCode, Message = message };
        var result = Message(status, json, statusCode);
        return retryAfterSeconds is { } seconds ? new WithRetryAfter(result, seconds) : result;
    }

    private sealed class ProtobufResult(byte[] body, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = Protobuf;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
