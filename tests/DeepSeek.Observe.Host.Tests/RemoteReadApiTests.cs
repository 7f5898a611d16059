using System.Net;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;
using MatchType = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.LabelMatcher.Types.Type;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>remote_write in, Prometheus remote read out: the raw samples, bit for bit, and 400s for bad requests.</summary>
public class RemoteReadApiTests
{
    [Fact]
    public async Task Read_AfterWrite_ReturnsExactSamplesInRangeForMatchingSeries()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await SendAsync(client,
        [
            Series("gpu_temp", [("gpu", "0")], (1000L, 61.5), (2000L, Core.Sample.StaleNaN), (3000L, double.NegativeInfinity), (4000L, double.NaN)),
            Series("gpu_temp", [("gpu", "1")], (1000, 70)),
            Series("gpu_util", [("gpu", "0")], (1000, 99)),
        ])).Dispose();

        var read = await RemoteReadClient.ReadAsync(client, "", 2000, 4000, (MatchType.Eq, "__name__", "gpu_temp"), (MatchType.Re, "gpu", "0|1"));

        var series = Assert.Single(read);
        Assert.Equal("__name__=gpu_temp,gpu=0", series.Key);
        Assert.Equal(
            [(2000L, Core.Sample.StaleNaNBits), (3000L, BitConverter.DoubleToUInt64Bits(double.NegativeInfinity)), (4000L, BitConverter.DoubleToUInt64Bits(double.NaN))],
            series.Value);
    }

    [Fact]
    public async Task Read_BadRequests_Return400()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();

        using var notSnappy = await RemoteReadClient.PostRawAsync(client, [1, 2, 3, 4, 5]);
        using var badRegex = await RemoteReadClient.PostAsync(client, Request(new LabelMatcher { Type = MatchType.Re, Name = "a", Value = "(" }));
        using var matchesEverything = await RemoteReadClient.PostAsync(client, Request(new LabelMatcher { Type = MatchType.Neq, Name = "a", Value = "x" }));
        var chunks = Request(new LabelMatcher { Type = MatchType.Eq, Name = "__name__", Value = "m" });
        chunks.AcceptedResponseTypes.Add(ReadRequest.Types.ResponseType.StreamedXorChunks);
        using var unsupported = await RemoteReadClient.PostAsync(client, chunks);

        Assert.All([notSnappy, badRegex, matchesEverything, unsupported], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("invalid regular expression", await badRegex.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("SAMPLES", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static ReadRequest Request(LabelMatcher matcher)
    {
        var query = new Ingest.Protocol.RemoteWrite.Query { StartTimestampMs = 0, EndTimestampMs = 10_000 };
        query.Matchers.Add(matcher);
        var request = new ReadRequest();
        request.Queries.Add(query);
        return request;
    }
}
