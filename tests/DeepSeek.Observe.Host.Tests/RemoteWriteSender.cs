using System.Net.Http.Headers;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.RemoteWrite;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>Sends remote_write requests the way Prometheus does (headers, snappy, protobuf).</summary>
internal static class RemoteWriteSender
{
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, IEnumerable<SeriesSamples> series, string baseUrl = "") =>
        SendRawAsync(client, RemoteWriteEncoder.Encode(series), baseUrl);

    public static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, byte[] body, string baseUrl = "")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(RemoteWriteEncoder.ContentType);
        foreach (var (name, value) in RemoteWriteEncoder.Headers)
        {
            if (name == "Content-Encoding")
            {
                content.Headers.ContentEncoding.Add(value);
            }
            else
            {
                content.Headers.Add(name, value);
            }
        }

        return await client.PostAsync($"{baseUrl}/api/v1/write", content);
    }

    public static SeriesSamples Series(string metric, (string Name, string Value)[] labels, params (long Ts, double Value)[] samples) =>
        new(
            LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).Append(KeyValuePair.Create("__name__", metric))),
            [.. samples.Select(s => new Sample(s.Ts, s.Value))]);
}
