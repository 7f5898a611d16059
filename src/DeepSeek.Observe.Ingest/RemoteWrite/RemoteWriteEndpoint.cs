using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// <c>POST /api/v1/write</c>. 204 only once the store says the samples are durable. Refusals follow what Prometheus's
/// sender does with them: 4xx are dropped (so bad data, out-of-order samples and limits are 400/413), while a store
/// pushing back answers 503 with Retry-After, which every sender retries. Metric metadata in the request (Prometheus
/// sends it every <c>metadata_config.send_interval</c>, 1 m) goes to the <see cref="IMetadataStore"/>.
/// </summary>
internal static class RemoteWriteEndpoint
{
    public const string Receiver = "remote_write";

    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        ISampleAppender appender,
        IMetadataStore metadata,
        LabelSetCache cache,
        IOptions<IngestOptions> options,
        IngestInstrumentation instrumentation,
        CancellationToken cancellationToken)
    {
        try
        {
            var body = await RequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            var decoded = RemoteWriteDecoder.DecodeRequest(body, options.Value, options.Value.LabelCacheSize > 0 ? cache : null);
            var result = await appender.AppendAsync(decoded.Series, cancellationToken);

            // After the samples, so a refused request (which the sender retries or drops) applies nothing.
            metadata.Record(decoded.Metadata);
            instrumentation.SamplesReceived.WithLabels(Receiver).Inc(result.SamplesAppended);
            return Results.NoContent();
        }
        catch (Exception ex) when (Refusal.IsRefusal(ex))
        {
            var refusal = Refusal.Of(ex, Receiver, options.Value, instrumentation);
            return new TextError(refusal.StatusCode, refusal.Message, refusal.RetryAfterSeconds);
        }
    }
}
