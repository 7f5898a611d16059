using System.Net;
using System.Text.Json;
using DeepSeek.Observe.Testing;
using Snappier;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>remote_write into the platform, read back through the series API, all in one host.</summary>
public class RemoteWriteApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Write_ValidPayload_Returns204AndSeriesApiReturnsTheSeries()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await SendAsync(client,
        [
            Series("DCGM_FI_DEV_GPU_TEMP", [("Hostname", "node-1"), ("gpu", "0")], (1_700_000_000_000, 61)),
            Series("DCGM_FI_DEV_GPU_TEMP", [("Hostname", "node-1"), ("gpu", "1")], (1_700_000_000_000, 64)),
            Series("DCGM_FI_DEV_GPU_UTIL", [("Hostname", "node-2"), ("gpu", "0")], (1_700_000_060_000, 99)),
        ]);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var series = await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=DCGM_FI_DEV_GPU_TEMP");
        Assert.Equal(
            ["{\"Hostname\":\"node-1\",\"__name__\":\"DCGM_FI_DEV_GPU_TEMP\",\"gpu\":\"0\"}", "{\"Hostname\":\"node-1\",\"__name__\":\"DCGM_FI_DEV_GPU_TEMP\",\"gpu\":\"1\"}"],
            series.EnumerateArray().Select(s => s.GetRawText()));
        Assert.Equal(["Hostname", "__name__", "gpu"], (await PrometheusApi.DataAsync(client, "/api/v1/labels")).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["node-1", "node-2"], (await PrometheusApi.DataAsync(client, "/api/v1/label/Hostname/values")).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["node-2"], (await PrometheusApi.DataAsync(client, $"/api/v1/label/Hostname/values?match[]={Uri.EscapeDataString("{gpu=\"0\",Hostname!=\"node-1\"}")}")).EnumerateArray().Select(e => e.GetString()));

        // The time range selects series with samples in it (start/end as Unix seconds and RFC 3339).
        Assert.Single((await PrometheusApi.DataAsync(client, $"/api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\"DCGM_.*\"}")}&start=1700000030&end=2023-11-14T22:15:00Z")).EnumerateArray());
    }

    [Fact]
    public async Task Limit_AppliesToWhatIsReturnedNotToTheSeriesItIsDerivedFrom()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client,
        [
            Series("m", [("a", "z")], (1000, 1)),
            Series("n", [("a", "b")], (1000, 1)),
            Series("o", [("a", "a")], (1000, 1)),
            Series("DCGM_FI_DEV_GPU_TEMP", [("Hostname", "h"), ("gpu", "0")], (1000, 1)),
            Series("DCGM_FI_DEV_GPU_UTIL", [("Hostname", "h"), ("gpu", "0")], (1000, 1)),
        ])).Dispose();

        var values = (await PrometheusApi.DataAsync(client, "/api/v1/label/a/values?limit=2")).EnumerateArray().Select(v => v.GetString());
        var series = (await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=%7Ba%21%3D%22%22%7D&limit=2")).EnumerateArray();
        var gpu = Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/entities?kind=gpu&limit=1")).EnumerateArray());

        Assert.Equal(["a", "b"], values);
        Assert.Equal(["z", "b"], series.Select(s => s.GetProperty("a").GetString()));
        Assert.Equal(2, gpu.GetProperty("series").GetInt32());
    }

    [Fact]
    public async Task Series_PostForm_LikeGrafana_Works()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client, [Series("up", [("instance", "a")], (1000, 1))])).Dispose();

        using var form = new FormUrlEncodedContent([KeyValuePair.Create("match[]", "up"), KeyValuePair.Create("start", "0")]);
        using var response = await client.PostAsync("/api/v1/series", form);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a", json.RootElement.GetProperty("data")[0].GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("/api/v1/series", "no match[] parameter provided")]
    [InlineData("/api/v1/series?match[]=up%7B", "parse error")]
    [InlineData("/api/v1/series?match[]=up&start=yesterday", "invalid parameter \"start\"")]
    [InlineData("/api/v1/series?match[]=up&start=10&end=5", "end timestamp must not be before start time")]
    [InlineData("/api/v1/label/bad-name/values", "invalid label name")]
    public async Task Series_BadRequest_Returns400WithPrometheusErrorShape(string url, string expected)
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("bad_data", json.RootElement.GetProperty("errorType").GetString());
        Assert.Contains(expected, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_MalformedOrOversized_Returns4xxAndStoresNothing()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var limited = factory.WithWebHostBuilder(web => web.UseSetting("Ingest:MaxRequestBytes", "4096"));
        using var client = limited.CreateClient();
        var valid = Ingest.RemoteWrite.RemoteWriteEncoder.Encode([Series("victim", [("a", "1")], (1000, 1))]);
        var bodies = new (string Case, byte[] Body, HttpStatusCode Expected)[]
        {
            ("garbage", "definitely not snappy"u8.ToArray(), HttpStatusCode.BadRequest),
            ("empty", [], HttpStatusCode.BadRequest),
            ("zeros", new byte[1024], HttpStatusCode.BadRequest),
            ("truncated", valid[..^4], HttpStatusCode.BadRequest),
            ("bit flip", Flip(valid, valid.Length / 2), HttpStatusCode.BadRequest),
            ("snappy around garbage", Snappy.CompressToArray([0x0A, 0x05, 0x0A, 0x03, 0x61]), HttpStatusCode.BadRequest),
            ("invalid label", Ingest.RemoteWrite.RemoteWriteEncoder.Encode([Series("victim", [("a", "1")], (1000, 1)), BadLabelSeries()]), HttpStatusCode.BadRequest),
            ("oversized", Snappy.CompressToArray(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8192)), HttpStatusCode.RequestEntityTooLarge),
        };

        foreach (var (name, body, expected) in bodies)
        {
            using var response = await SendRawAsync(client, body).WaitAsync(s_timeout);
            Assert.True(expected == response.StatusCode, $"{name}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), $"{name}: no reason given");
        }

        Assert.Empty((await PrometheusApi.DataAsync(client, $"/api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\".+\"}")}")).EnumerateArray());
        using var healthy = await client.GetAsync("/-/ready");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task Write_OutOfOrderSample_Returns400AndKeepsEarlierData()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client, [Series("steps", [("rank", "0")], (2000, 1))])).Dispose();

        using var response = await SendAsync(client, [Series("fresh", [], (1000, 1)), Series("steps", [("rank", "0")], (1000, 1))]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("out of order sample", body, StringComparison.Ordinal);
        Assert.Empty((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=fresh")).EnumerateArray());
        Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=steps")).EnumerateArray());
    }

    [Fact]
    public async Task Write_StoreSaturated_Returns503WithRetryAfterAndKeepsEveryAcknowledgedWrite()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var saturated = factory.WithWebHostBuilder(web => web
            .UseSetting("Storage:MaxPendingWrites", "1")
            .UseSetting("Storage:PendingWriteWait", "00:00:00"));
        using var client = saturated.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await SendAsync(client, [Series("pressure", [("writer", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], (1000, i))]);
            return (Writer: i, response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
        })).WaitAsync(s_timeout);

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.NoContent).Select(r => r.Writer).ToHashSet();
        Assert.Equal(200, refused.Count + accepted.Count);
        Assert.NotEmpty(refused);
        Assert.NotEmpty(accepted);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(5), r.RetryAfter));
        var stored = (await PrometheusApi.DataAsync(client, "/api/v1/series?match[]=pressure")).EnumerateArray()
            .Select(s => int.Parse(s.GetProperty("writer").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        Assert.True(accepted.SetEquals(stored), $"acknowledged {accepted.Count}, stored {stored.Count}");
    }

    [Fact]
    public async Task Metrics_AfterIngest_CountSamplesAndRejectionsAndPassPromtool()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client, [Series("up", [("instance", "a")], (1000, 1), (2000, 1))])).Dispose();
        (await SendRawAsync(client, "junk"u8.ToArray())).Dispose();

        var exposition = await Eventually.ReturnsAsync(
            async () =>
            {
                var text = await client.GetStringAsync("/metrics");
                return text.Contains("observe_storage_samples_appended_total", StringComparison.Ordinal)
                    && text.Contains("observe_ingest_requests_rejected_total{receiver=\"remote_write\",code=\"400\"}", StringComparison.Ordinal) ? text : null;
            },
            s_timeout,
            "ingest self-metrics on /metrics");
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "metrics"], s_timeout, standardInput: exposition);

        Assert.True(exitCode == 0, stdout + stderr);
    }

    [Fact]
    public async Task Entities_AfterDcgmAndKubernetesSeries_ReturnTopologyWithLayersAndCounts()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client,
        [
            Series("DCGM_FI_DEV_GPU_TEMP", [("Hostname", "n1"), ("gpu", "0"), ("UUID", "GPU-a"), ("namespace", "train"), ("pod", "w-0")], (1000, 60)),
            Series("DCGM_FI_DEV_GPU_UTIL", [("Hostname", "n1"), ("gpu", "0"), ("UUID", "GPU-a"), ("namespace", "train"), ("pod", "w-0")], (1000, 99)),
            Series("kube_pod_info", [("namespace", "train"), ("pod", "w-0"), ("node", "n1")], (1000, 1)),
            Series("train_step_seconds", [("train_job", "llama"), ("rank", "0"), ("Hostname", "n1"), ("gpu", "0")], (1000, 0.8)),
            Series("process_cpu_seconds_total", [("job", "x")], (1000, 1)),
        ])).Dispose();

        var gpu = Assert.Single((await PrometheusApi.DataAsync(client, "/api/v1/entities?kind=gpu")).EnumerateArray());
        var all = (await PrometheusApi.DataAsync(client, "/api/v1/entities")).EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);

        Assert.Equal("gpu/n1/0", gpu.GetProperty("id").GetString());
        Assert.Equal("Gpu", gpu.GetProperty("kind").GetString());
        Assert.Equal("GPU-a", gpu.GetProperty("labels").GetProperty("UUID").GetString());
        Assert.Equal(["node/n1"], gpu.GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Framework", "Hardware"], gpu.GetProperty("layers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, gpu.GetProperty("series").GetInt32());
        Assert.Equal(["node/n1"], all["pod/train/w-0"].GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["gpu/n1/0", "train_job/llama"], all["rank/llama/0"].GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["gpu/n1/0", "node/n1", "pod/train/w-0", "rank/llama/0", "train_job/llama"], all.Keys.Order(StringComparer.Ordinal));

        using var bad = await client.GetAsync("/api/v1/entities?kind=job");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static Core.Series.SeriesSamples BadLabelSeries() =>
        new(Core.LabelSet.Empty, [new Core.Sample(1000, 1)]);

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0xFF;
        return copy;
    }
}
