using System.Globalization;

namespace DeepSeek.Observe.Host.Bench;

/// <summary>One run's figures; <see cref="ToString"/> is one key=value line that scripts can parse.</summary>
internal sealed record IngestBenchmarkResult(
    long SamplesAcknowledged, long Requests, long Failed, long Retried, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double SamplesPerSecond => SamplesAcknowledged / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"samples_acked={SamplesAcknowledged} samples_per_second={SamplesPerSecond:F0} requests={Requests} failed={Failed} retried={Retried} elapsed_s={Elapsed.TotalSeconds:F1} p50_ms={P50Ms:F2} p99_ms={P99Ms:F2}");
}
