namespace DeepSeek.Observe.Host.Bench;

/// <summary>What <c>bench ingest</c> sends, identical for every target so figures can be compared.</summary>
internal sealed record IngestBenchmarkOptions(
    Uri Target, int Series, int SamplesPerRequest, int Concurrency, TimeSpan Duration, TimeSpan Step);
