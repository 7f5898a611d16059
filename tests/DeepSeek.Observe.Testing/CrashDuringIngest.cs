using System.Collections.Concurrent;

namespace DeepSeek.Observe.Testing;

/// <summary>
/// The first half of every "acknowledged means durable" test: start <c>serve</c> on a data directory, keep concurrent
/// senders writing until enough writes were acknowledged, then kill -9 the process mid-ingest. The caller restarts it
/// on the same directory and checks that every acknowledged write is there.
/// </summary>
public static class CrashDuringIngest
{
    /// <summary>
    /// Runs the load and the kill; returns the sequence numbers <paramref name="send"/> reported as acknowledged.
    /// <paramref name="send"/> gets the base URL and a unique sequence number, and returns whether the platform
    /// acknowledged that write (network errors once the process is gone are expected and count as not acknowledged).
    /// </summary>
    public static async Task<IReadOnlyCollection<int>> RunAsync(
        string workDirectory, HttpClient http, Func<string, int, Task<bool>> send, int minimumAcknowledged, TimeSpan timeout, int senders = 16)
    {
        ArgumentNullException.ThrowIfNull(send);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var acknowledged = new ConcurrentBag<int>();
        var sequence = 0;
        await using var serve = ChildProcess.StartHost(["serve", "--urls", url, "--data", "data"], workDirectory);
        await Readiness.WaitAsync(http, url, serve, timeout);
        using var stop = new CancellationTokenSource();

        // Enough concurrent, sizeable writes that the store always has some in flight when the process dies.
        var load = Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var seq = Interlocked.Increment(ref sequence);
                try
                {
                    if (await send(url, seq))
                    {
                        acknowledged.Add(seq);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // The process is gone: what it did not acknowledge may be lost, by contract.
                }
            }
        })).ToList();

        await Eventually.ReturnsAsync(
            () => Task.FromResult(acknowledged.Count >= minimumAcknowledged ? acknowledged : null), timeout, $"{minimumAcknowledged} acknowledged writes");
        serve.Kill();
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(timeout);
        return [.. acknowledged];
    }
}
