using System.Net.Http.Headers;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// Sends a <see cref="CompatDataSet"/> to a remote_write receiver (Prometheus with
/// <c>--web.enable-remote-write-receiver</c>, or the platform's <c>/api/v1/write</c>). Requests go one at a time in
/// time order: Prometheus's head refuses a sample more than an hour older than the newest it holds, so the whole
/// range must advance together rather than series by series.
/// </summary>
internal sealed class CompatDataSetLoader(HttpClient http)
{
    /// <summary>Sends every sample; throws <see cref="HttpRequestException"/> naming the receiver's answer when one is refused.</summary>
    public async Task<long> LoadAsync(CompatDataSet dataSet, Uri writeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var writer = new RemoteWriteRequestWriter(dataSet.Series);
        long samples = 0;
        foreach (var step in dataSet.Timeline())
        {
            if (step.Series.Length == 0)
            {
                continue;
            }

            var values = step.Values;
            var positions = new Dictionary<int, int>(step.Series.Length);
            for (var i = 0; i < step.Series.Length; i++)
            {
                positions[step.Series[i]] = i;
            }

            var body = writer.Write(step.Series, step.TimestampMs, series => values[positions[series]]);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await http.PostAsync(writeUrl, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"{writeUrl} refused the samples at {step.TimestampMs}: {(int)response.StatusCode} {text.Trim()}");
            }

            samples += step.Series.Length;
        }

        return samples;
    }
}
