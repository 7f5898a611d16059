using System.Globalization;
using System.Text.Json;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// Compares the series set a real Prometheus holds for a selector with the platform's, over one fixed window both
/// have had time to fill (what every "same series as Prometheus" test needs).
/// </summary>
internal sealed class SeriesSetComparison(HttpClient http, TimeSpan timeout)
{
    /// <summary>
    /// Waits for Prometheus's first scrape (it applies new targets on a 5 s throttle), lets a few more happen, then
    /// waits until both return the same set for <paramref name="selector"/> up to a second ago; returns that set.
    /// <paramref name="diagnostics"/> adds context to the failure message.
    /// </summary>
    public async Task<HashSet<string>> MatchAsync(string prometheus, string platform, string selector, Func<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var escaped = Uri.EscapeDataString(selector);
        await Eventually.ReturnsAsync(
            async () => (await SeriesAsync($"{prometheus}/api/v1/series?match[]={escaped}")).Count > 0 ? "scraped" : null,
            timeout,
            "Prometheus's first scrape");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(await NowMsAsync(prometheus), CultureInfo.InvariantCulture)).AddSeconds(-1);
        var query = $"/api/v1/series?match[]={escaped}&end={end.ToUnixTimeMilliseconds() / 1000.0:F3}";
        HashSet<string> expected = [], actual = [];
        try
        {
            return await Eventually.ReturnsAsync(
                async () =>
                {
                    expected = await SeriesAsync(prometheus + query);
                    actual = await SeriesAsync(platform + query);
                    return expected.Count > 0 && expected.SetEquals(actual) ? actual : null;
                },
                timeout,
                "the platform's series to match Prometheus's");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"{ex.Message}\nPrometheus has {expected.Count}, the platform {actual.Count}.\nmissing: {string.Join("\n  ", expected.Except(actual).Take(5))}"
                + $"\nextra: {string.Join("\n  ", actual.Except(expected).Take(5))}\nquery: {query}\n{diagnostics()}", ex);
        }
    }

    /// <summary>
    /// Lets Prometheus scrape for <paramref name="window"/>, then waits until remote read returns the same samples,
    /// bit for bit, from Prometheus and the platform for <paramref name="job"/> over that window (remote_write
    /// delivers it shortly after); returns how many samples matched.
    /// </summary>
    public async Task<int> MatchSamplesAsync(string prometheus, string platform, string job, TimeSpan window)
    {
        var start = long.Parse(await NowMsAsync(prometheus), CultureInfo.InvariantCulture) - 2000;
        var end = start + (long)window.TotalMilliseconds;
        await Task.Delay(window);
        var matcher = (Ingest.Protocol.RemoteWrite.LabelMatcher.Types.Type.Eq, "job", job);
        Dictionary<string, List<(long, ulong)>> expected = [], actual = [];
        try
        {
            var matched = await Eventually.ReturnsAsync(
                async () =>
                {
                    expected = await RemoteReadClient.ReadAsync(http, prometheus, start, end, matcher);
                    actual = await RemoteReadClient.ReadAsync(http, platform, start, end, matcher);
                    var same = expected.Count > 0 && expected.Count == actual.Count
                        && expected.All(e => actual.TryGetValue(e.Key, out var a) && a.SequenceEqual(e.Value));
                    return same ? expected : null;
                },
                timeout,
                "the platform's samples to match Prometheus's");
            return matched.Values.Sum(v => v.Count);
        }
        catch (TimeoutException ex)
        {
            var differing = expected.Where(e => !actual.TryGetValue(e.Key, out var a) || !a.SequenceEqual(e.Value)).Take(3)
                .Select(e => $"{e.Key}: prometheus {string.Join(' ', e.Value.Take(4))} platform {string.Join(' ', actual.GetValueOrDefault(e.Key)?.Take(4) ?? [])}");
            throw new TimeoutException(
                $"{ex.Message}\n{expected.Count} series from Prometheus, {actual.Count} from the platform over [{start}, {end}]\n{string.Join('\n', differing)}", ex);
        }
    }

    /// <summary>The last few kilobytes of a process's output, for failure messages.</summary>
    public static string Tail(string text) => text[^Math.Min(3000, text.Length)..];

    private async Task<string> NowMsAsync(string prometheus)
    {
        using var json = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () => await http.GetStringAsync($"{prometheus}/api/v1/query?query=timestamp(vector(0))*1000"),
            timeout,
            "Prometheus to answer"));
        return json.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString()!;
    }

    private async Task<HashSet<string>> SeriesAsync(string url)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(url));
        return json.RootElement.GetProperty("data").EnumerateArray()
            .Select(s => JsonSerializer.Serialize(s.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value.GetString())))
            .ToHashSet(StringComparer.Ordinal);
    }
}
