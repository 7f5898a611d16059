using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Host.Api;

/// <summary>Prometheus's success envelope: <c>{"status":"success","data":…}</c>.</summary>
internal sealed record ApiSuccess<T>(T Data)
{
    [JsonPropertyOrder(-1)]
    public string Status { get; } = "success";
}
