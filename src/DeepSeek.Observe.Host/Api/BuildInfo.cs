using System.Reflection;
using System.Runtime.InteropServices;

namespace DeepSeek.Observe.Host.Api;

/// <summary>
/// <c>/api/v1/status/buildinfo</c>'s data, in Prometheus's field names (Grafana reads them to detect the server).
/// <c>goVersion</c> carries the .NET runtime: the field names the toolchain the server was built with.
/// </summary>
internal sealed record BuildInfo(
    string Version, string Revision, string Branch, string BuildUser, string BuildDate, string GoVersion)
{
    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    /// <summary>The product version without build metadata, as <c>--version</c> prints it before the '+'.</summary>
    public static string InformationalVersion =>
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    private static BuildInfo Read(Assembly assembly)
    {
        // The SDK appends "+<commit>" to the informational version when built from a git checkout.
        var parts = InformationalVersion.Split('+', 2);
        string Metadata(string key) =>
            assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? string.Empty;

        return new BuildInfo(
            parts[0],
            parts.Length > 1 ? parts[1] : string.Empty,
            Metadata("Branch"),
            Metadata("BuildUser"),
            Metadata("BuildDate"),
            RuntimeInformation.FrameworkDescription);
    }
}
