namespace DeepSeek.Observe.Simulation;

/// <summary>What a run did: samples made and how long generating them took (the generator alone), and the whole run's time.</summary>
public sealed record SimulationResult(long Steps, long SamplesGenerated, TimeSpan GenerationTime, TimeSpan Elapsed)
{
    public double GenerationSamplesPerSecond => GenerationTime > TimeSpan.Zero ? SamplesGenerated / GenerationTime.TotalSeconds : 0;
}
