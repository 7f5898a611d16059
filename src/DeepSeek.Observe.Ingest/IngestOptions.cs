using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Ingest;

/// <summary>Configuration section <c>Ingest</c>: limits every receiver enforces, each with a clear 4xx.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Largest request body as sent (compressed). Prometheus batches stay far below this.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBytes { get; set; } = 32L << 20;

    /// <summary>Largest body once decompressed, against decompression bombs.</summary>
    [Range(1024, 1L << 31)]
    public long MaxDecompressedBytes { get; set; } = 256L << 20;

    /// <summary>Most series (or log streams) in one request.</summary>
    [Range(1, 10_000_000)]
    public int MaxSeriesPerRequest { get; set; } = 100_000;

    /// <summary>Most labels on one series or log stream (Mimir's default is 30; GPU exporters send about 15).</summary>
    [Range(1, 1000)]
    public int MaxLabelsPerSeries { get; set; } = 64;

    /// <summary>Longest label name, in characters.</summary>
    [Range(1, 65535)]
    public int MaxLabelNameLength { get; set; } = 1024;

    /// <summary>Longest label value, in characters.</summary>
    [Range(1, 1 << 20)]
    public int MaxLabelValueLength { get; set; } = 4096;

    /// <summary>
    /// Label sets the remote_write receiver remembers by their wire bytes, to skip decoding repeats: about 40 bytes
    /// each, and it should hold every active series (the simulator's 1000-node, 8000-GPU fleet has about 356,000).
    /// </summary>
    [Range(0, 100_000_000)]
    public int LabelCacheSize { get; set; } = 2_097_152;

    /// <summary>Longest log line in UTF-8 bytes (Loki's default <c>max_line_size</c> is 256 KiB); a request with a longer one is refused (400).</summary>
    [Range(1, 64 << 20)]
    public int MaxLogLineBytes { get; set; } = 256 * 1024;

    /// <summary>Seconds a client is told to wait (Retry-After) when the store pushes back.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Most samples one remote read may return (Prometheus's <c>--storage.remote.read-sample-limit</c> default); 400 above.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxReadSamples { get; set; } = 50_000_000;
}
