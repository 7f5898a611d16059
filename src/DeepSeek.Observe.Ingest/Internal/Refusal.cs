using System.Globalization;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>
/// How every receiver answers a refused write, whatever its wire format: the request's own fault keeps its 4xx; a
/// store refusal that retrying cannot fix (out of order, limits) is 400, so senders drop it; a store pushing back is
/// 503 with Retry-After, which Prometheus and OTLP exporters both retry. Counted per receiver and status.
/// </summary>
internal readonly record struct Refusal(int StatusCode, string Message, int? RetryAfterSeconds)
{
    public static bool IsRefusal(Exception ex) => ex is IngestRejectedException or AppendRejectedException;

    public static Refusal Of(Exception ex, string receiver, IngestOptions options, IngestInstrumentation instrumentation)
    {
        var refusal = ex switch
        {
            IngestRejectedException rejected => new Refusal(rejected.StatusCode, ex.Message, null),
            AppendRejectedException { IsRetryable: false } => new Refusal(StatusCodes.Status400BadRequest, ex.Message, null),
            _ => new Refusal(StatusCodes.Status503ServiceUnavailable, ex.Message, options.RetryAfterSeconds),
        };
        instrumentation.RequestsRejected.WithLabels(receiver, refusal.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
        return refusal;
    }
}
