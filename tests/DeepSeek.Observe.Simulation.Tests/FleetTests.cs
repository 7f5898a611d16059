namespace DeepSeek.Observe.Simulation.Tests;

public class FleetTests
{
    [Fact]
    public void Build_SameSpec_IdenticalNamesUuidsAndPlacement()
    {
        var spec = new FleetSpec(12, 8, 2, 2, Seed: 7);

        var first = Fleet.Build(spec);
        var second = Fleet.Build(spec);

        Assert.Equal(first.Gpus.Select(g => (g.Node.Hostname, g.Uuid, g.PciBusId, g.Pod?.Name)), second.Gpus.Select(g => (g.Node.Hostname, g.Uuid, g.PciBusId, g.Pod?.Name)));
        Assert.Equal(first.Pods.Select(p => p.Uid), second.Pods.Select(p => p.Uid));
    }

    [Fact]
    public void Build_DifferentSeed_DifferentUuids()
    {
        var first = Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 1));
        var second = Fleet.Build(new FleetSpec(2, 8, 1, 1, Seed: 2));

        Assert.NotEqual(first.Gpus[0].Uuid, second.Gpus[0].Uuid);
        Assert.Equal(first.Gpus[0].Node.Hostname, second.Gpus[0].Node.Hostname);
    }

    [Fact]
    public void Build_NodesAndGpus_NamedAsDcgmExporterReportsThem()
    {
        var fleet = Fleet.Build(new FleetSpec(3, 8, 1, 1, Seed: 1));

        Assert.Equal(["gpu-node-0001", "gpu-node-0002", "gpu-node-0003"], fleet.Nodes.Select(n => n.Hostname));
        Assert.Equal(24, fleet.Gpus.Count);
        Assert.Equal(24, fleet.Gpus.Select(g => g.Uuid).Distinct().Count());
        Assert.All(fleet.Gpus, g => Assert.Matches("^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", g.Uuid));
        Assert.All(fleet.Gpus, g => Assert.Matches("^00000000:[0-9A-F]{2}:00.0$", g.PciBusId));
        Assert.Equal("nvidia7", fleet.Gpus[7].Device);
        Assert.Equal(8, fleet.Gpus.Take(8).Select(g => g.PciBusId).Distinct().Count());
    }

    [Fact]
    public void Build_TrainingJobs_OnePodPerNodeOneRankPerGpu()
    {
        var fleet = Fleet.Build(new FleetSpec(8, 8, 2, 1, Seed: 1));

        Assert.Equal(6, fleet.Spec.TrainingNodes);
        Assert.All(fleet.TrainingJobs, job =>
        {
            Assert.Equal(3, job.Pods.Count);
            Assert.Equal(24, job.Ranks.Count);
            Assert.Equal(Enumerable.Range(0, 24), job.Ranks.Select(r => r.Rank));
            Assert.All(job.Ranks, r => Assert.Same(r.Pod, r.Gpu.Pod));
            Assert.All(job.Pods, p => Assert.Equal(8, p.Gpus.Count));
            Assert.Equal(3, job.Pods.Select(p => p.Node).Distinct().Count());
        });
    }

    [Fact]
    public void Build_Deployments_OneGpuPerPodOnTheRemainingNodes()
    {
        var fleet = Fleet.Build(new FleetSpec(8, 8, 2, 3, Seed: 1));

        var pods = fleet.Deployments.SelectMany(d => d.Pods).ToList();
        Assert.Equal(16, pods.Count);
        Assert.All(pods, p => Assert.Single(p.Gpus));
        Assert.All(pods, p => Assert.True(p.Node.Index >= 6));
        Assert.All(fleet.Deployments, d => Assert.InRange(d.Pods.Count, 5, 6));
        Assert.All(fleet.Gpus, g => Assert.NotNull(g.Pod));
    }

    [Fact]
    public void Build_NoWorkloads_EveryGpuIdle()
    {
        var fleet = Fleet.Build(new FleetSpec(2, 8, 0, 0, Seed: 1));

        Assert.All(fleet.Gpus, g => Assert.Null(g.Pod));
        Assert.Empty(fleet.Pods);
    }

    [Theory]
    [InlineData(0, 8, 1, 1, "--nodes")]
    [InlineData(2, 0, 1, 1, "--gpus-per-node")]
    [InlineData(4, 8, 4, 1, "--jobs 4 needs a node each")]
    [InlineData(2, 1, 1, 2, "--deployments 2 needs a GPU each")]
    [InlineData(1, 8, 1, 1, "at least 2")]
    public void Validate_Impossible_NamesTheOption(int nodes, int gpus, int jobs, int deployments, string expected)
    {
        var spec = new FleetSpec(nodes, gpus, jobs, deployments, Seed: 1);

        Assert.Contains(expected, spec.Validate(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fleet.Build(spec));
    }
}
