using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepSeek.Observe.Query.Api;

/// <summary>Prometheus's JSON envelopes: <c>{"status":"success","data":…}</c> and <c>{"status":"error",…}</c>.</summary>
internal static class ApiResults
{
    // Prometheus writes quotes and other characters unescaped; the relaxed encoder matches it (the body is JSON,
    // never embedded in HTML).
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Success<T>(T data) =>
        Results.Json(new { status = "success", data }, s_json);

    public static IResult Error(ApiException error) =>
        Results.Json(new { status = "error", errorType = error.ErrorType, error = error.Message }, s_json, statusCode: error.StatusCode);
}
