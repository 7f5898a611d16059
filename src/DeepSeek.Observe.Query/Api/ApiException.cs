namespace DeepSeek.Observe.Query.Api;

/// <summary>A Prometheus API error: <c>errorType</c> (bad_data, execution, timeout, …) and its HTTP status.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
    {
    }

    public ApiException(string message)
        : base(message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiException(string errorType, int statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    public string ErrorType { get; } = "bad_data";

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public static ApiException BadData(string message, Exception? innerException = null) =>
        new("bad_data", StatusCodes.Status400BadRequest, message, innerException);

    /// <summary>The store cannot answer now (e.g. PostgreSQL unreachable): 503, which clients retry.</summary>
    public static ApiException Unavailable(string message, Exception? innerException = null) =>
        new("unavailable", StatusCodes.Status503ServiceUnavailable, message, innerException);

    public static ApiException Execution(string message) => new("execution", StatusCodes.Status422UnprocessableEntity, message);
}
