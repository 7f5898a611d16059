namespace DeepSeek.Observe.Host.Cli;

/// <summary>The HTTP client <c>simulate</c> sends with: one pooled connection per request in flight, kept for the whole run.</summary>
internal static class SimulationHttp
{
    public static HttpClient Create(int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, concurrency), PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
}
