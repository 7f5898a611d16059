using System.Net;

namespace DeepSeek.Observe.Testing;

/// <summary>Waits for a <c>serve</c> process to answer 200 on <c>/-/ready</c>, failing fast if it exits instead.</summary>
public static class Readiness
{
    /// <summary>Returns the body of the first 200 from <paramref name="url"/>/-/ready.</summary>
    public static Task<string> WaitAsync(HttpClient http, string url, ChildProcess process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(process);
        return Eventually.ReturnsAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"serve exited early:\n{process.StandardOutput}\n{process.StandardError}");
                }

                using var response = await http.GetAsync(new Uri($"{url}/-/ready"));
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            },
            timeout,
            $"{url}/-/ready");
    }
}
