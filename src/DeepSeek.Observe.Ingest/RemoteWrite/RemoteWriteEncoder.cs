using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using Google.Protobuf;
using Snappier;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>Builds remote_write 1.0 bodies, as Prometheus sends them; for <c>bench ingest</c> and tests.</summary>
public static class RemoteWriteEncoder
{
    /// <summary>The headers a remote_write sender sets.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Content-Encoding"] = "snappy",
        ["X-Prometheus-Remote-Write-Version"] = "0.1.0",
    };

    /// <summary>The content type of the body.</summary>
    public const string ContentType = "application/x-protobuf";

    public static byte[] Encode(IEnumerable<SeriesSamples> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var request = new WriteRequest();
        foreach (var entry in series)
        {
            var timeSeries = new TimeSeries();
            timeSeries.Labels.AddRange(entry.Labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
            timeSeries.Samples.AddRange(entry.Samples.Select(s => new Sample { Timestamp = s.TimestampMs, Value = s.Value }));
            request.Timeseries.Add(timeSeries);
        }

        return Snappy.CompressToArray(request.ToByteArray());
    }
}
