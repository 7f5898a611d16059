namespace DeepSeek.Observe.Ingest;

/// <summary>A request a receiver refuses, with the HTTP status and the one-line reason the client sees.</summary>
public sealed class IngestRejectedException : Exception
{
    public IngestRejectedException()
    {
    }

    public IngestRejectedException(string message)
        : base(message)
    {
    }

    public IngestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IngestRejectedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public static IngestRejectedException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static IngestRejectedException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
}
