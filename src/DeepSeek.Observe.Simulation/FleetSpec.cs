namespace DeepSeek.Observe.Simulation;

/// <summary>
/// The shape of a simulated fleet. Training jobs take whole nodes (one pod per node, one rank per GPU); inference
/// deployments take one GPU per pod on the nodes left over. The same spec always builds the same <see cref="Fleet"/>.
/// </summary>
public sealed record FleetSpec(int Nodes, int GpusPerNode, int Jobs, int Deployments, ulong Seed)
{
    /// <summary>Most nodes one simulation builds (dcgm-exporter's 4-digit host suffix and the label memory both fit).</summary>
    public const int MaxNodes = 9999;

    /// <summary>Most GPUs one node holds (HGX boards carry 8; 16 leaves room for denser systems).</summary>
    public const int MaxGpusPerNode = 16;

    /// <summary>Nodes given to training: three quarters of the fleet when both kinds run, but at least one per job.</summary>
    public int TrainingNodes => Jobs == 0 ? 0
        : Deployments == 0 ? Nodes
        : Math.Min(Nodes - 1, Math.Max(Jobs, (int)Math.Round(Nodes * 0.75)));

    /// <summary>The first thing wrong with the spec, naming the option to fix, or null when it can be built.</summary>
    public string? Validate()
    {
        if (Nodes is < 1 or > MaxNodes)
        {
            return $"--nodes must be between 1 and {MaxNodes}, not {Nodes}";
        }

        if (GpusPerNode is < 1 or > MaxGpusPerNode)
        {
            return $"--gpus-per-node must be between 1 and {MaxGpusPerNode}, not {GpusPerNode}";
        }

        if (Jobs < 0 || Deployments < 0)
        {
            return "--jobs and --deployments must not be negative";
        }

        if (Jobs > 0 && Deployments > 0 && Nodes < 2)
        {
            return "--nodes must be at least 2 to run both training jobs and inference deployments";
        }

        if (Jobs > TrainingNodes)
        {
            return $"--jobs {Jobs} needs a node each, but only {TrainingNodes} of {Nodes} nodes go to training";
        }

        var inferenceGpus = (Nodes - TrainingNodes) * GpusPerNode;
        return Deployments > inferenceGpus
            ? $"--deployments {Deployments} needs a GPU each, but only {inferenceGpus} GPUs are left after training"
            : null;
    }
}
