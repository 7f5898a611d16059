using System.Net.Http.Headers;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using Google.Protobuf;
using Snappier;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Reads raw samples over Prometheus remote read, as a Prometheus <c>remote_read</c> client does; works against Prometheus and the platform.</summary>
internal static class RemoteReadClient
{
    /// <summary>Posts <paramref name="request"/> to <c>{baseUrl}/api/v1/read</c>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, ReadRequest request, string baseUrl = "") =>
        await PostRawAsync(client, Snappy.CompressToArray(request.ToByteArray()), baseUrl);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, byte[] body, string baseUrl = "")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Read-Version", "0.1.0");
        return await client.PostAsync($"{baseUrl}/api/v1/read", content);
    }

    /// <summary>Every series of one query, keyed by its labels as text, with (timestamp, value bits) samples.</summary>
    public static async Task<Dictionary<string, List<(long Timestamp, ulong Bits)>>> ReadAsync(
        HttpClient client, string baseUrl, long startMs, long endMs, params (LabelMatcher.Types.Type Type, string Name, string Value)[] matchers)
    {
        var query = new Ingest.Protocol.RemoteWrite.Query { StartTimestampMs = startMs, EndTimestampMs = endMs };
        query.Matchers.AddRange(matchers.Select(m => new LabelMatcher { Type = m.Type, Name = m.Name, Value = m.Value }));
        var request = new ReadRequest();
        request.Queries.Add(query);
        using var response = await PostAsync(client, request, baseUrl);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"remote read from {baseUrl}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }

        var result = ReadResponse.Parser.ParseFrom(Snappy.DecompressToArray(body)).Results.Single();
        return result.Timeseries.ToDictionary(
            s => string.Join(',', s.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={l.Value}")),
            s => s.Samples.Select(x => (x.Timestamp, BitConverter.DoubleToUInt64Bits(x.Value))).ToList());
    }
}
