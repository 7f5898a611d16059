using System.Globalization;
using System.Text.Json;

namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>What one panel query returned: success and the number of series (a scalar counts as one).</summary>
public sealed record DashboardQueryResult(DashboardQuery Query, string Expanded, bool Succeeded, int Series, string? Error)
{
    public override string ToString() =>
        Succeeded ? $"{Query}: {Series} series  {Expanded}" : $"{Query}: FAILED {Error}  {Expanded}";
}

/// <summary>
/// Sends dashboard queries to any server with Prometheus's HTTP API — a real Prometheus or the platform, whichever
/// <paramref name="baseUrl"/> names — as Grafana's data source does: POST forms (the provisioned <c>httpMethod</c>),
/// <c>/api/v1/query_range</c> for range targets, <c>/api/v1/query</c> at the window's end for instant ones, and a GET
/// of <c>/api/v1/label/&lt;name&gt;/values</c> with <c>match[]</c> for <c>label_values</c> variables.
/// </summary>
public sealed class DashboardQueryRunner(HttpClient http, Uri baseUrl, QueryWindow window)
{
    private const int MaxErrorChars = 2_000;

    // Relative API paths resolve under the base's path only when it ends in a slash.
    private readonly Uri _base = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>A variable's values over the window (its selector expanded with <paramref name="expander"/>).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(DashboardVariable variable, TemplateExpander expander, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(expander);
        var (selector, label) = variable.LabelValues ?? throw new ArgumentException($"variable {variable.Name} is not a label_values query: {variable.Query}", nameof(variable));
        // GET: Prometheus serves label values on GET only, and Grafana asks for them that way.
        var (ok, data, error) = await SendAsync(
            HttpMethod.Get,
            $"api/v1/label/{Uri.EscapeDataString(label)}/values",
            [new("match[]", expander.Expand(selector)), new("start", Seconds(window.Start)), new("end", Seconds(window.End))],
            cancellationToken);
        return ok ? [.. data.EnumerateArray().Select(v => v.GetString() ?? "")] : throw new InvalidOperationException($"variable {variable.Name}: {error}");
    }

    public async Task<DashboardQueryResult> RunAsync(DashboardQuery query, TemplateExpander expander, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(expander);
        string expanded;
        try
        {
            expanded = expander.Expand(query.Expr);
        }
        catch (KeyNotFoundException e)
        {
            return new DashboardQueryResult(query, query.Expr, false, 0, e.Message);
        }

        var (ok, data, error) = query.Instant
            ? await SendAsync(HttpMethod.Post, "api/v1/query", [new("query", expanded), new("time", Seconds(window.End))], cancellationToken)
            : await SendAsync(
                HttpMethod.Post,
                "api/v1/query_range",
                [new("query", expanded), new("start", Seconds(window.Start)), new("end", Seconds(window.End)), new("step", Seconds(window.Step))],
                cancellationToken);
        if (!ok)
        {
            return new DashboardQueryResult(query, expanded, false, 0, error);
        }

        var result = data.GetProperty("result");
        var series = data.GetProperty("resultType").GetString() is "scalar" or "string" ? 1 : result.GetArrayLength();
        return new DashboardQueryResult(query, expanded, true, series, null);
    }

    private async Task<(bool Ok, JsonElement Data, string? Error)> SendAsync(
        HttpMethod method, string path, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, new Uri(_base, path + "?" + await content.ReadAsStringAsync(cancellationToken)))
            : new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (response.IsSuccessStatusCode && root.TryGetProperty("status", out var status) && status.GetString() == "success")
            {
                return (true, root.GetProperty("data").Clone(), null);
            }
        }
        catch (JsonException)
        {
            // Not Prometheus's JSON at all: reported below with the body.
        }

        return (false, default, $"{(int)response.StatusCode} {text[..Math.Min(text.Length, MaxErrorChars)]}");
    }

    private static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
