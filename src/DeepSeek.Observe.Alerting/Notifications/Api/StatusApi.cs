using System.Reflection;
using System.Text.Json.Serialization;
using DeepSeek.Observe.Alerting.Notifications.Dispatch;

namespace DeepSeek.Observe.Alerting.Notifications.Api;

/// <summary><c>/api/v2/status</c>: the configuration in force and the version, in Alertmanager's shape (no cluster).</summary>
internal static class StatusApi
{
    public static IResult Get(NotificationDispatcher dispatcher, TimeProvider time, StartTime started)
    {
        var version = typeof(StatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return TypedResults.Json(new AlertmanagerStatus(
            new ClusterStatus("disabled", []),
            new ConfigText(dispatcher.Config.Original),
            ApiTime.Format(started.At),
            new Dictionary<string, string>
            {
                ["version"] = version,
                ["branch"] = string.Empty,
                ["buildUser"] = string.Empty,
                ["buildDate"] = string.Empty,
                ["goVersion"] = string.Empty,
                ["revision"] = string.Empty,
            }));
    }

    public static IResult Receivers(NotificationDispatcher dispatcher) =>
        TypedResults.Json(dispatcher.Config.Receivers.Keys.Order(StringComparer.Ordinal).Select(name => new ReceiverName(name)).ToList());

    /// <summary>When the pipeline started (for <c>uptime</c>).</summary>
    internal sealed record StartTime(DateTimeOffset At);

    private sealed record AlertmanagerStatus(
        [property: JsonPropertyName("cluster")] ClusterStatus Cluster,
        [property: JsonPropertyName("config")] ConfigText Config,
        [property: JsonPropertyName("uptime")] string Uptime,
        [property: JsonPropertyName("versionInfo")] IReadOnlyDictionary<string, string> VersionInfo);

    private sealed record ClusterStatus(
        [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("peers")] IReadOnlyList<string> Peers);

    private sealed record ConfigText([property: JsonPropertyName("original")] string Original);
}
