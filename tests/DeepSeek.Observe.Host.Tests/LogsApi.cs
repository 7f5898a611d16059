using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Reads <c>/api/v1/logs</c> results: each stream's labels and its lines, in the order returned.</summary>
internal static class LogsApi
{
    /// <summary>Every stream from the start of time to 2100 for <paramref name="selector"/>, newest first.</summary>
    public static async Task<List<(JsonElement Stream, List<string> Lines)>> QueryAsync(HttpClient client, string baseUrl, string selector, string extra = "")
    {
        var data = await PrometheusApi.DataAsync(client, $"{baseUrl}/api/v1/logs?match={Uri.EscapeDataString(selector)}&start=0&end=4102444800&limit=5000{extra}");
        Assert.Equal("streams", data.GetProperty("resultType").GetString());
        return data.GetProperty("result").EnumerateArray()
            .Select(s => (s.GetProperty("stream"), s.GetProperty("values").EnumerateArray().Select(v => v[1].GetString()!).ToList()))
            .ToList();
    }

    public static async Task<int> CountAsync(HttpClient client, string baseUrl) =>
        (await QueryAsync(client, baseUrl, "{job=~\".+\"}")).Sum(s => s.Lines.Count);
}
