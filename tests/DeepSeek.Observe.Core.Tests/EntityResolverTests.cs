using DeepSeek.Observe.Core.Topology;

namespace DeepSeek.Observe.Core.Tests;

public class EntityResolverTests
{
    [Fact]
    public void Resolve_DcgmSeriesWithKubernetesMapping_IsHardwareAboutTheGpu()
    {
        var identity = EntityResolver.Resolve(Series("DCGM_FI_DEV_GPU_TEMP",
            ("Hostname", "n1"), ("gpu", "3"), ("UUID", "GPU-abc"), ("modelName", "NVIDIA H100 80GB HBM3"),
            ("namespace", "train"), ("pod", "worker-0"), ("container", "trainer"), ("job", "dcgm")));

        Assert.Equal(Layer.Hardware, identity.Layer);
        Assert.Equal(EntityId.Gpu("n1", "3"), identity.Primary);
        Assert.Equal(
            ["gpu/n1/3", "container/train/worker-0/trainer", "pod/train/worker-0", "node/n1"],
            identity.Entities.Select(e => e.Value));
        Assert.Contains(new TopologyEdge(EntityId.Node("n1"), EntityId.Gpu("n1", "3")), identity.Edges);
        Assert.Contains(new TopologyEdge(EntityId.Pod("train", "worker-0"), EntityId.Container("train", "worker-0", "trainer")), identity.Edges);
        Assert.Equal("GPU-abc", identity.EntityLabels[EntityId.Gpu("n1", "3")]["UUID"]);
        Assert.Null(identity.EntityLabels[EntityId.Gpu("n1", "3")]["job"]);
    }

    [Fact]
    public void Resolve_NewerLowercaseHostname_IsAccepted()
    {
        var identity = EntityResolver.Resolve(Series("DCGM_FI_DEV_GPU_UTIL", ("hostname", "n2"), ("gpu", "0")));

        Assert.Equal(EntityId.Gpu("n2", "0"), identity.Primary);
    }

    [Fact]
    public void Resolve_KubeStateMetricsPodInfo_IsContainerLayerPodOnNode()
    {
        var identity = EntityResolver.Resolve(Series("kube_pod_info", ("namespace", "serve"), ("pod", "vllm-1"), ("node", "n4")));

        Assert.Equal(Layer.Container, identity.Layer);
        Assert.Equal(EntityId.Pod("serve", "vllm-1"), identity.Primary);
        Assert.Contains(new TopologyEdge(EntityId.Node("n4"), EntityId.Pod("serve", "vllm-1")), identity.Edges);
    }

    [Fact]
    public void Resolve_TrainingSeries_IsFrameworkAboutTheRankOnItsGpu()
    {
        var identity = EntityResolver.Resolve(Series("train_step_seconds", ("train_job", "llama"), ("rank", "7"), ("Hostname", "n1"), ("gpu", "7")));

        Assert.Equal(Layer.Framework, identity.Layer);
        Assert.Equal(EntityId.Rank("llama", "7"), identity.Primary);
        Assert.Contains(new TopologyEdge(EntityId.TrainJob("llama"), EntityId.Rank("llama", "7")), identity.Edges);
        Assert.Contains(new TopologyEdge(EntityId.Gpu("n1", "7"), EntityId.Rank("llama", "7")), identity.Edges);
    }

    [Fact]
    public void Resolve_InferenceSeries_IsBusinessWithPodInDeployment()
    {
        var identity = EntityResolver.Resolve(Series("inference_request_duration_seconds_bucket",
            ("namespace", "serve"), ("deployment", "vllm"), ("pod", "vllm-1"), ("le", "0.5")));

        Assert.Equal(Layer.Business, identity.Layer);
        Assert.Contains(new TopologyEdge(EntityId.Deployment("serve", "vllm"), EntityId.Pod("serve", "vllm-1")), identity.Edges);
    }

    [Fact]
    public void Resolve_UnknownMetric_HasNoLayerAndScrapeJobIsNotAnEntity()
    {
        var identity = EntityResolver.Resolve(Series("process_cpu_seconds_total", ("job", "trainer"), ("instance", "a:1")));

        Assert.Null(identity.Layer);
        Assert.Empty(identity.Entities);
        Assert.Null(identity.Primary);
    }

    [Fact]
    public void Resolve_ValueThatCannotBeAnIdSegment_NamesNoEntity()
    {
        var identity = EntityResolver.Resolve(Series("kube_pod_info", ("namespace", "a/b"), ("pod", "p"), ("node", "n1")));

        Assert.Equal(["node/n1"], identity.Entities.Select(e => e.Value));
    }

    private static LabelSet Series(string name, params (string Name, string Value)[] labels) =>
        LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).Append(KeyValuePair.Create("__name__", name)));
}
