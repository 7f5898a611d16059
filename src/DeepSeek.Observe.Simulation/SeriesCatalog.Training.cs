using System.Globalization;

namespace DeepSeek.Observe.Simulation;

/// <summary>Training framework metrics, one set per rank (names in the README's Simulator section).</summary>
public sealed partial class SeriesCatalog
{
    private static readonly (string Name, SignalKind Kind)[] s_training =
    [
        ("train_step_time_seconds", SignalKind.TrainStepTime),
        ("train_steps_total", SignalKind.TrainSteps),
        ("train_loss", SignalKind.TrainLoss),
        ("train_grad_norm", SignalKind.TrainGradNorm),
        ("train_loss_scale", SignalKind.TrainLossScale),
        ("train_tokens_per_second", SignalKind.TrainTokensPerSecond),
        ("train_collective_time_seconds", SignalKind.TrainCollectiveTime),
        ("train_checkpoint_save_seconds", SignalKind.TrainCheckpointSave),
        ("train_dataloader_wait_seconds", SignalKind.TrainDataLoaderWait),
    ];

    private void AddTraining()
    {
        foreach (var rank in Fleet.Ranks)
        {
            KeyValuePair<string, string>[] labels =
            [
                L("job", "training"),
                L("instance", $"{rank.Pod.Name}:{9100 + rank.Gpu.Gpu}"),
                L("namespace", rank.Pod.Namespace),
                L("train_job", rank.Job.Name),
                L("rank", rank.Rank.ToString(CultureInfo.InvariantCulture)),
                L("node", rank.Pod.Node.Hostname),
                L("pod", rank.Pod.Name),
            ];
            foreach (var (name, kind) in s_training)
            {
                Add(kind, rank.Index, name, labels);
            }
        }
    }
}
