using System.Net;
using System.Net.Sockets;

namespace DeepSeek.Observe.Testing;

/// <summary>Ports on loopback that nothing listens on (for servers under test, and for "unreachable" cases).</summary>
public static class FreePort
{
    /// <summary>A port the kernel just handed out and released.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
