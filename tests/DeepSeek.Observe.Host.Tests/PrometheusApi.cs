using System.Net;
using System.Text.Json;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Reads the <c>data</c> of a Prometheus-style API response, failing with the body when it is not a 200.</summary>
internal static class PrometheusApi
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> DataAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute)).WaitAsync(s_timeout);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("data").Clone();
    }
}
