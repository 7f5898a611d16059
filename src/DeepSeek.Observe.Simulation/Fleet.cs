using System.Globalization;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// A simulated GPU fleet, built deterministically from a <see cref="FleetSpec"/>: the same spec gives the same node
/// names, GPU UUIDs, pods and rank placement, so a run can be repeated and checked against what it generated.
/// </summary>
public sealed class Fleet
{
    /// <summary>What every simulated GPU reports (an HGX H100 board, as most of our users run).</summary>
    public const string ModelName = "NVIDIA H100 80GB HBM3";

    public const string DriverVersion = "550.54.15";

    /// <summary>Framebuffer of an H100 80GB as dcgm-exporter reports it (FB_USED + FB_FREE + FB_RESERVED, MiB).</summary>
    public const double FramebufferMiB = 81559;

    public const string TrainingNamespace = "training";

    public const string InferenceNamespace = "inference";

    // PCI bus numbers of the eight GPUs on an HGX H100 board (nvidia-smi on a DGX H100); denser nodes continue past them.
    private static readonly int[] s_hgxBuses = [0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB];

    private Fleet(FleetSpec spec) => Spec = spec;

    public FleetSpec Spec { get; }

    public IReadOnlyList<FleetNode> Nodes { get; private set; } = [];

    public IReadOnlyList<FleetGpu> Gpus { get; private set; } = [];

    public IReadOnlyList<FleetPod> Pods { get; private set; } = [];

    public IReadOnlyList<TrainingJob> TrainingJobs { get; private set; } = [];

    public IReadOnlyList<TrainingRank> Ranks { get; private set; } = [];

    public IReadOnlyList<InferenceDeployment> Deployments { get; private set; } = [];

    /// <summary>Builds the fleet; throws <see cref="ArgumentException"/> with <see cref="FleetSpec.Validate"/>'s reason.</summary>
    public static Fleet Build(FleetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        var fleet = new Fleet(spec);
        var nodes = new FleetNode[spec.Nodes];
        var gpus = new FleetGpu[spec.Nodes * spec.GpusPerNode];
        for (var n = 0; n < nodes.Length; n++)
        {
            nodes[n] = new FleetNode(n, $"gpu-node-{n + 1:D4}");
            for (var g = 0; g < spec.GpusPerNode; g++)
            {
                var index = (n * spec.GpusPerNode) + g;
                gpus[index] = new FleetGpu(index, nodes[n], g, Uuid(spec.Seed, index), PciBusId(g), ModelName);
            }
        }

        fleet.Nodes = nodes;
        fleet.Gpus = gpus;
        var pods = new List<FleetPod>();
        var ranks = new List<TrainingRank>();
        fleet.TrainingJobs = PlaceTraining(spec, nodes, gpus, pods, ranks);
        fleet.Ranks = ranks;
        fleet.Deployments = PlaceInference(spec, gpus, pods);
        fleet.Pods = pods;
        return fleet;
    }

    // Training takes the first TrainingNodes nodes, split into contiguous runs (jobs are placed rack-local).
    private static TrainingJob[] PlaceTraining(FleetSpec spec, FleetNode[] nodes, FleetGpu[] gpus, List<FleetPod> pods, List<TrainingRank> ranks)
    {
        var jobs = new TrainingJob[spec.Jobs];
        for (var j = 0; j < jobs.Length; j++)
        {
            var job = jobs[j] = new TrainingJob(j, $"llm-pretrain-{j:D2}", TrainingNamespace);
            var jobPods = new List<FleetPod>();
            var jobRanks = new List<TrainingRank>();
            for (var n = j * spec.TrainingNodes / spec.Jobs; n < (j + 1) * spec.TrainingNodes / spec.Jobs; n++)
            {
                var podGpus = gpus.AsSpan(n * spec.GpusPerNode, spec.GpusPerNode).ToArray();
                var pod = new FleetPod(pods.Count, TrainingNamespace, $"{job.Name}-worker-{jobPods.Count}", "trainer", PodUid(spec.Seed, pods.Count), nodes[n])
                {
                    TrainJob = job,
                    Gpus = podGpus,
                };
                pods.Add(pod);
                jobPods.Add(pod);
                foreach (var gpu in podGpus)
                {
                    gpu.Pod = pod;
                    var rank = new TrainingRank(ranks.Count, job, jobRanks.Count, pod, gpu);
                    ranks.Add(rank);
                    jobRanks.Add(rank);
                }
            }

            job.Pods = jobPods;
            job.Ranks = jobRanks;
        }

        return jobs;
    }

    // Inference takes the GPUs of the remaining nodes, one per pod, split into contiguous runs per deployment.
    private static InferenceDeployment[] PlaceInference(FleetSpec spec, FleetGpu[] gpus, List<FleetPod> pods)
    {
        var first = spec.TrainingNodes * spec.GpusPerNode;
        var available = gpus.Length - first;
        var deployments = new InferenceDeployment[spec.Deployments];
        for (var d = 0; d < deployments.Length; d++)
        {
            var hash = StableHash.Combine(spec.Seed, 0xD391, (ulong)d);
            var deployment = deployments[d] = new InferenceDeployment(
                d, $"llm-serve-{d:D2}", InferenceNamespace, $"v{1 + (hash % 9)}");
            var replicaSet = ((hash >> 8) & 0xFFFFFFFFFF).ToString("x10", CultureInfo.InvariantCulture)[..10];
            var deploymentPods = new List<FleetPod>();
            for (var i = first + (d * available / spec.Deployments); i < first + ((d + 1) * available / spec.Deployments); i++)
            {
                var suffix = StableHash.Combine(hash, (ulong)i).ToString("x5", CultureInfo.InvariantCulture)[..5];
                var pod = new FleetPod(pods.Count, InferenceNamespace, $"{deployment.Name}-{replicaSet}-{suffix}", "server", PodUid(spec.Seed, pods.Count), gpus[i].Node)
                {
                    Deployment = deployment,
                    Gpus = [gpus[i]],
                };
                gpus[i].Pod = pod;
                pods.Add(pod);
                deploymentPods.Add(pod);
            }

            deployment.Pods = deploymentPods;
        }

        return deployments;
    }

    private static string PciBusId(int gpu) =>
        $"00000000:{(gpu < s_hgxBuses.Length ? s_hgxBuses[gpu] : 0xE0 + gpu - s_hgxBuses.Length):X2}:00.0";

    private static string Uuid(ulong seed, int gpu) => "GPU-" + Guid(StableHash.Combine(seed, 0x6770, (ulong)gpu));

    private static string PodUid(ulong seed, int pod) => Guid(StableHash.Combine(seed, 0x706F64, (ulong)pod));

    private static string Guid(ulong hash)
    {
        var low = StableHash.Mix(hash);
        var hex = string.Create(CultureInfo.InvariantCulture, $"{hash:x16}{low:x16}");
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
