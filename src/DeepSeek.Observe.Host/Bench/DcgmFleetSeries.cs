using System.Globalization;

namespace DeepSeek.Observe.Host.Bench;

/// <summary>
/// Series shaped like dcgm-exporter's on a GPU fleet: its default gauges, with its label set (<c>gpu</c>, <c>UUID</c>,
/// <c>pci_bus_id</c>, <c>device</c>, <c>modelName</c>, <c>Hostname</c>, <c>DCGM_FI_DRIVER_VERSION</c>) plus the
/// Kubernetes mapping (<c>namespace</c>, <c>pod</c>, <c>container</c>). Values move like real GPUs do: integers for
/// most fields, slow drifts, a busy/idle utilisation, so compression is measured on realistic data.
/// </summary>
internal static class DcgmFleetSeries
{
    private static readonly (string Name, double Base, double Spread, bool Integer)[] s_metrics =
    [
        ("DCGM_FI_DEV_GPU_UTIL", 85, 15, true),
        ("DCGM_FI_DEV_GPU_TEMP", 62, 6, true),
        ("DCGM_FI_DEV_MEMORY_TEMP", 70, 5, true),
        ("DCGM_FI_DEV_POWER_USAGE", 520, 120, false),
        ("DCGM_FI_DEV_SM_CLOCK", 1980, 0, true),
        ("DCGM_FI_DEV_MEM_CLOCK", 2619, 0, true),
        ("DCGM_FI_DEV_FB_USED", 61000, 2000, true),
        ("DCGM_FI_DEV_FB_FREE", 20000, 2000, true),
        ("DCGM_FI_DEV_MEM_COPY_UTIL", 35, 20, true),
        ("DCGM_FI_DEV_XID_ERRORS", 0, 0, true),
    ];

    /// <summary>Number of distinct metric names per GPU.</summary>
    public static int MetricsPerGpu => s_metrics.Length;

    /// <summary>The labels of series <paramref name="index"/> (sorted by name, as remote_write requires).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Labels(int index)
    {
        var metric = s_metrics[index % s_metrics.Length].Name;
        var gpuIndex = index / s_metrics.Length;
        var node = gpuIndex / 8;
        var gpu = gpuIndex % 8;
        var host = $"gpu-node-{node:D4}";
        string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            KeyValuePair.Create("DCGM_FI_DRIVER_VERSION", "550.54.15"),
            KeyValuePair.Create("Hostname", host),
            KeyValuePair.Create("UUID", $"GPU-{node:x8}-{gpu:x4}-4e2c-9d1a-{gpuIndex:x12}"),
            KeyValuePair.Create("__name__", metric),
            KeyValuePair.Create("container", "trainer"),
            KeyValuePair.Create("device", $"nvidia{I(gpu)}"),
            KeyValuePair.Create("gpu", I(gpu)),
            KeyValuePair.Create("instance", $"{host}:9400"),
            KeyValuePair.Create("job", "dcgm-exporter"),
            KeyValuePair.Create("modelName", "NVIDIA H100 80GB HBM3"),
            KeyValuePair.Create("namespace", "training"),
            KeyValuePair.Create("pci_bus_id", $"00000000:{0x18 + (gpu * 0x10):X2}:00.0"),
            KeyValuePair.Create("pod", $"llm-pretrain-worker-{I(node)}"),
        ];
    }

    /// <summary>The value of series <paramref name="index"/> at scrape <paramref name="round"/> (deterministic).</summary>
    public static double Value(int index, long round)
    {
        var (_, @base, spread, integer) = s_metrics[index % s_metrics.Length];
        if (spread == 0)
        {
            return @base;
        }

        // A slow drift plus small noise, both deterministic from (series, round), so every target sees the same data.
        var drift = Math.Sin((round + (index * 7)) / 40.0) * spread * 0.5;
        var noise = ((Hash(index, round) % 1000) / 1000.0 - 0.5) * spread * 0.2;
        var value = @base + drift + noise;
        return integer ? Math.Round(value) : Math.Round(value, 3);
    }

    private static ulong Hash(int index, long round)
    {
        var x = ((ulong)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)round * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 29);
    }
}
