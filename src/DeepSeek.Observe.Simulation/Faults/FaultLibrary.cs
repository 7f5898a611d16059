using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>Builds one fault of a kind in a fleet, its root drawn from <paramref name="key"/>; null when the fleet has nowhere to put it.</summary>
public delegate Fault? FaultFactory(Fleet fleet, FaultWindow window, ulong key);

/// <summary>
/// Every fault kind the simulator can inject, by <see cref="FaultKind"/>. Each family registers its factories in its
/// own file (<c>FaultLibrary.Gpu.cs</c>, …), so a new fault is one class plus one line.
/// </summary>
public static partial class FaultLibrary
{
    private static readonly Dictionary<FaultKind, FaultFactory> s_factories = Register();

    /// <summary>The kinds that can be injected, in taxonomy order.</summary>
    public static IReadOnlyList<FaultKind> Kinds { get; } = [.. s_factories.Keys.Order()];

    /// <summary>Injects <paramref name="kind"/> into <paramref name="fleet"/>; throws <see cref="ArgumentException"/> naming what the fleet lacks.</summary>
    public static Fault Create(FaultKind kind, Fleet fleet, FaultWindow window, ulong key)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (!s_factories.TryGetValue(kind, out var factory))
        {
            throw new ArgumentException($"no fault model for {Name(kind)}", nameof(kind));
        }

        return factory(fleet, window, key)
            ?? throw new ArgumentException($"{Name(kind)} needs {Needs(kind)}, which this fleet does not have", nameof(fleet));
    }

    /// <summary>Whether <paramref name="kind"/> can be injected into <paramref name="fleet"/>.</summary>
    public static bool Fits(FaultKind kind, Fleet fleet) =>
        s_factories.TryGetValue(kind, out var factory) && factory(fleet, new FaultWindow(0, 1), 0) is not null;

    /// <summary>The scenario name of a kind: kebab-case, e.g. <c>gpu-fell-off-bus</c>.</summary>
    public static string Name(FaultKind kind)
    {
        var text = kind.ToString();
        var name = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            // A new word starts at an upper-case letter after a lower-case one, except a final capital (LossNaN → loss-nan).
            if (i > 0 && i < text.Length - 1 && char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(text[i]));
        }

        return name.ToString();
    }

    public static bool TryParse(string name, out FaultKind kind)
    {
        foreach (var candidate in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>A deterministic pick from <paramref name="items"/>, or null when there are none.</summary>
    internal static T? Pick<T>(IReadOnlyList<T> items, ulong key, ulong salt = 0)
        where T : class =>
        items.Count == 0 ? null : items[(int)(StableHash.Combine(key, salt) % (ulong)items.Count)];

    /// <summary>A GPU held by a training rank if there is one (where most faults hurt most), otherwise any busy GPU.</summary>
    internal static FleetGpu? PickBusyGpu(Fleet fleet, ulong key)
    {
        var training = fleet.Ranks.Select(r => r.Gpu).ToList();
        return Pick(training.Count > 0 ? training : [.. fleet.Gpus.Where(g => g.Pod is not null)], key, 0x69B0);
    }

    private static string Needs(FaultKind kind) => kind switch
    {
        FaultKind.Straggler or FaultKind.NcclTimeout or FaultKind.LossNaN or FaultKind.StorageStall or FaultKind.CheckpointUploadFailure
            or FaultKind.SidecarInterference => "a training job (--jobs)",
        FaultKind.InferenceOverload or FaultKind.BadDeploy or FaultKind.QuotaExceeded => "an inference deployment (--deployments)",
        FaultKind.ContainerOomKilled or FaultKind.CrashLoop => "a pod (--jobs or --deployments)",
        _ => "a GPU held by a pod",
    };

    private static Dictionary<FaultKind, FaultFactory> Register()
    {
        var factories = new Dictionary<FaultKind, FaultFactory>();
        RegisterGpuFaults(factories);
        RegisterTrainingFaults(factories);
        RegisterWorkloadFaults(factories);
        return factories;
    }

    /// <summary>Hardware faults: XID, ECC, thermal, power, NVLink, PCIe (FaultLibrary.Gpu.cs).</summary>
    static partial void RegisterGpuFaults(Dictionary<FaultKind, FaultFactory> factories);

    /// <summary>Training faults: NCCL, stragglers, CUDA OOM, NaN loss, storage, checkpoints, sidecars (FaultLibrary.Training.cs).</summary>
    static partial void RegisterTrainingFaults(Dictionary<FaultKind, FaultFactory> factories);

    /// <summary>Kubernetes and inference faults: OOMKilled, crash loops, quotas, overload, bad deploys (FaultLibrary.Workloads.cs).</summary>
    static partial void RegisterWorkloadFaults(Dictionary<FaultKind, FaultFactory> factories);
}
