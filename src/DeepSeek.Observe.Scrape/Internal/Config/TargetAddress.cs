using System.Buffers;
using System.Globalization;

namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>
/// A static target's address, <c>host:port</c>. Like Prometheus 2.42, an address without a port gets the scheme's
/// default later (<see cref="WithDefaultPort"/>), and anything with a path or scheme is refused.
/// </summary>
internal static class TargetAddress
{
    private static readonly SearchValues<char> s_forbidden = SearchValues.Create("/ \t?#@");

    public static bool TryNormalize(string address, out string normalized, out string? error)
    {
        normalized = address.Trim();
        error = null;
        if (normalized.Length == 0 || normalized.AsSpan().IndexOfAny(s_forbidden) >= 0)
        {
            error = $"\"{address}\" is not a valid target address (expected host:port, without scheme or path)";
            return false;
        }

        var (host, port) = Split(normalized);
        if (host.Length == 0
            || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown
            || (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535)))
        {
            error = $"\"{address}\" is not a valid target address (expected host:port)";
            return false;
        }

        return true;
    }

    /// <summary>The address with the scheme's default port when it has none (Prometheus 2.42 does the same).</summary>
    public static string WithDefaultPort(string address, string scheme) =>
        Split(address).Port is null ? $"{address}:{(scheme == "https" ? 443 : 80)}" : address;

    private static (string Host, string? Port) Split(string address)
    {
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            return close < 0
                ? (string.Empty, null)
                : (address[..(close + 1)], address.Length > close + 1 && address[close + 1] == ':' ? address[(close + 2)..] : address.Length == close + 1 ? null : "bad");
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (address, null);
        }

        // An IPv6 address must be bracketed to carry a port, as in a URL.
        return address.IndexOf(':', colon + 1) >= 0 ? (string.Empty, null) : (address[..colon], address[(colon + 1)..]);
    }
}
