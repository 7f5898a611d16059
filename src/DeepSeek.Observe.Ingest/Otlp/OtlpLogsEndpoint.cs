using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Otlp;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// <c>POST /v1/logs</c>: OTLP/HTTP logs. 200 once durable, with <c>partial_success</c> counting records that could not
/// be stored; 400/413/415 for bad requests (nothing stored); 503 + Retry-After when the store pushes back.
/// </summary>
internal static class OtlpLogsEndpoint
{
    public const string Receiver = "otlp_logs";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ILogAppender appender, IOptions<IngestOptions> options, IngestInstrumentation instrumentation, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var json = OtlpHttp.IsJson(request);
        try
        {
            var message = await OtlpHttp.ReadAsync(request, ExportLogsServiceRequest.Parser, options.Value, cancellationToken);
            var nowNs = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
            var translation = OtlpLogsTranslator.Translate(message, options.Value, nowNs);
            var lines = await appender.AppendAsync(translation.Streams, cancellationToken);
            instrumentation.LogLinesReceived.WithLabels(Receiver).Inc(lines);
            var response = new ExportLogsServiceResponse();
            if (translation.RejectedLogRecords > 0)
            {
                instrumentation.LogLinesRejected.WithLabels(Receiver).Inc(translation.RejectedLogRecords);
                response.PartialSuccess = new ExportLogsPartialSuccess
                {
                    RejectedLogRecords = translation.RejectedLogRecords,
                    ErrorMessage = translation.ErrorMessage ?? string.Empty,
                };
            }

            return OtlpHttp.Message(response, json);
        }
        catch (Exception ex) when (Refusal.IsRefusal(ex))
        {
            var refusal = Refusal.Of(ex, Receiver, options.Value, instrumentation);
            return OtlpHttp.Error(refusal.StatusCode, refusal.Message, json, refusal.RetryAfterSeconds);
        }
    }
}
