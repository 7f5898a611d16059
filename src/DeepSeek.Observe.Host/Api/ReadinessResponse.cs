using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepSeek.Observe.Host.Api;

/// <summary>
/// Plain text, one line per dependency, so both a probe and a person running curl see what is wrong:
/// <code>
/// DeepSeek.Observe is not ready.
/// store: Healthy: embedded store at /var/lib/observe
/// bus: Unhealthy: Not ready: Connect failed: guest@127.0.0.1:5672/
/// </code>
/// </summary>
internal static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status == HealthStatus.Unhealthy
            ? "DeepSeek.Observe is not ready.\n"
            : "DeepSeek.Observe is Ready.\n");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var reason = entry.Description ?? entry.Exception?.Message ?? string.Empty;
            text.Append(name).Append(": ").Append(entry.Status).Append(": ").Append(reason.ReplaceLineEndings(" ")).Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
