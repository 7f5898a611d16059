namespace DeepSeek.Observe.Testing;

/// <summary>Polls a condition that becomes true asynchronously (a server starting), with a deadline.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value or <paramref name="timeout"/> passes.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                last = ex;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}. Last error: {last?.Message ?? "none"}");
    }
}
