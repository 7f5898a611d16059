using System.Globalization;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>A plain-text error body, as Prometheus's receivers write them, with an optional Retry-After.</summary>
internal sealed class TextError(int statusCode, string message, int? retryAfterSeconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        return httpContext.Response.WriteAsync(message + "\n", httpContext.RequestAborted);
    }
}
