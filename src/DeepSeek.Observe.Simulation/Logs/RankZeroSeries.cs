namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>Catalog indices of a job's rank 0 series: what its progress lines quote.</summary>
internal readonly record struct RankZeroSeries(int Steps, int Loss, int GradNorm, int TokensPerSecond, int StepTime, int CheckpointSave)
{
    public RankZeroSeries With(SignalKind kind, int index) => kind switch
    {
        SignalKind.TrainSteps => this with { Steps = index },
        SignalKind.TrainLoss => this with { Loss = index },
        SignalKind.TrainGradNorm => this with { GradNorm = index },
        SignalKind.TrainTokensPerSecond => this with { TokensPerSecond = index },
        SignalKind.TrainStepTime => this with { StepTime = index },
        SignalKind.TrainCheckpointSave => this with { CheckpointSave = index },
        _ => this,
    };
}
