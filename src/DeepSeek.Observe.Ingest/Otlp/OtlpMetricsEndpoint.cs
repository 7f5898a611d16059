using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Otlp;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// <c>POST /v1/metrics</c>: OTLP/HTTP metrics. 200 once durable, with <c>partial_success</c> counting data points
/// Prometheus cannot represent; 400/413/415 for bad requests (nothing stored); 503 + Retry-After when the store pushes
/// back (OTLP exporters retry 429, 502, 503 and 504).
/// </summary>
internal static class OtlpMetricsEndpoint
{
    public const string Receiver = "otlp_metrics";

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ISampleAppender appender, IMetadataStore metadata, IOptions<IngestOptions> options, IngestInstrumentation instrumentation, CancellationToken cancellationToken)
    {
        var json = OtlpHttp.IsJson(request);
        try
        {
            var message = await OtlpHttp.ReadAsync(request, ExportMetricsServiceRequest.Parser, options.Value, cancellationToken);
            var translation = OtlpMetricsTranslator.Translate(message, options.Value);
            var result = await appender.AppendAsync(translation.Series, cancellationToken);
            metadata.Record(translation.Metadata);
            instrumentation.SamplesReceived.WithLabels(Receiver).Inc(result.SamplesAppended);
            var response = new ExportMetricsServiceResponse();
            if (translation.RejectedDataPoints > 0)
            {
                response.PartialSuccess = new ExportMetricsPartialSuccess
                {
                    RejectedDataPoints = translation.RejectedDataPoints,
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
