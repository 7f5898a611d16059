namespace DeepSeek.Observe.Simulation.Tests;

public class SeriesCatalogTests
{
    private static readonly string[] s_dcgmLabels = ["gpu", "UUID", "pci_bus_id", "device", "modelName", "Hostname", "DCGM_FI_DRIVER_VERSION"];
    private static readonly string[] s_trainingLabels = ["train_job", "rank", "node", "pod"];
    private static readonly string[] s_inferenceLabels = ["deployment", "pod"];

    [Fact]
    public void Dcgm_EverySeries_HasDcgmExporterLabelNames()
    {
        var catalog = new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 1)));

        var dcgm = catalog.Series.Where(s => s.Labels.MetricName!.StartsWith("DCGM_FI_", StringComparison.Ordinal)).ToList();

        Assert.Equal(16 * SeriesCatalog.DcgmSeriesPerGpu, dcgm.Count);
        Assert.All(dcgm, s => Assert.All(s_dcgmLabels, name => Assert.NotNull(s.Labels[name])));
        Assert.All(dcgm, s => Assert.Null(s.Labels["hostname"]));
        Assert.Contains(dcgm, s => s.Labels.MetricName == "DCGM_FI_DEV_GPU_UTIL" && s.Labels["Hostname"] == "gpu-node-0002" && s.Labels["gpu"] == "7" && s.Labels["device"] == "nvidia7");
        foreach (var name in new[] { "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS" })
        {
            Assert.Equal(16, dcgm.Count(s => s.Labels.MetricName == name));
        }
    }

    [Fact]
    public void Dcgm_GpuInUse_HasPodNamespaceContainer()
    {
        var catalog = new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 1)));

        var training = catalog.Series.First(s => s.Labels.MetricName == "DCGM_FI_DEV_GPU_UTIL" && s.Labels["Hostname"] == "gpu-node-0001");
        var serving = catalog.Series.First(s => s.Labels.MetricName == "DCGM_FI_DEV_GPU_UTIL" && s.Labels["Hostname"] == "gpu-node-0002");

        Assert.Equal(("training", "llm-pretrain-00-worker-0", "trainer"), (training.Labels["namespace"], training.Labels["pod"], training.Labels["container"]));
        Assert.Equal("inference", serving.Labels["namespace"]);
        Assert.StartsWith("llm-serve-00-", serving.Labels["pod"], StringComparison.Ordinal);
        Assert.Equal("server", serving.Labels["container"]);
    }

    [Fact]
    public void Dcgm_IdleGpu_HasNoKubernetesLabels()
    {
        var catalog = new SeriesCatalog(Fleet.Build(new FleetSpec(1, 8, 0, 0, Seed: 1)));

        Assert.All(catalog.Series, s => Assert.False(s.Labels.Contains("pod") || s.Labels.Contains("namespace") || s.Labels.Contains("container")));
    }

    [Fact]
    public void Catalog_EverySeries_UniqueLabelSetAndNoReservedJobLabelMisuse()
    {
        var catalog = new SeriesCatalog(Fleet.Build(new FleetSpec(4, 8, 1, 2, Seed: 3)));

        Assert.Equal(catalog.Count, catalog.Series.Select(s => s.Labels).Distinct().Count());
        Assert.All(catalog.Series.Where(s => s.Labels.MetricName!.StartsWith("train_", StringComparison.Ordinal)), s =>
            Assert.All(s_trainingLabels, name => Assert.NotNull(s.Labels[name])));
        Assert.All(catalog.Series.Where(s => s.Labels.MetricName!.StartsWith("inference_", StringComparison.Ordinal)), s =>
            Assert.All(s_inferenceLabels, name => Assert.NotNull(s.Labels[name])));
    }

    [Fact]
    public void Kubernetes_EveryPod_HasPhaseRestartsAndCadvisorSeries()
    {
        var fleet = Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 1));
        var catalog = new SeriesCatalog(fleet);

        Assert.All(fleet.Pods, pod =>
        {
            bool Has(string metric) => catalog.Series.Any(s => s.Labels.MetricName == metric && s.Labels["pod"] == pod.Name && s.Labels["namespace"] == pod.Namespace);
            Assert.Equal(5, catalog.Series.Count(s => s.Labels.MetricName == "kube_pod_status_phase" && s.Labels["pod"] == pod.Name));
            Assert.True(Has("kube_pod_container_status_restarts_total"));
            Assert.True(Has("container_memory_working_set_bytes"));
            Assert.True(Has("container_cpu_cfs_throttled_periods_total"));
        });
        Assert.Contains(catalog.Series, s => s.Labels.MetricName == "kube_resourcequota" && s.Labels["resource"] == "requests.nvidia.com/gpu" && s.Labels["type"] == "hard");
    }

    [Fact]
    public void Inference_LatencyBuckets_EndWithInf()
    {
        var catalog = new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 1)));

        var buckets = catalog.Series.Where(s => s.Labels.MetricName == "inference_request_duration_seconds_bucket").Select(s => s.Labels["le"]).Distinct().ToList();

        Assert.Equal(SeriesCatalog.LatencyBuckets.Count, buckets.Count);
        Assert.Equal("+Inf", buckets[^1]);
    }
}
