using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Tests.Faults;

/// <summary>Reads a pod's, deployment's or namespace's series out of a <see cref="FaultRun"/> by the labels kube-state-metrics and the server give them.</summary>
internal static class WorkloadProbe
{
    public static Func<LabelSet, bool> Pod(FleetPod pod) => l => l["pod"] == pod.Name && l["namespace"] == pod.Namespace;

    public static Func<LabelSet, bool> Pod(FleetPod pod, string label, string value) => l => l["pod"] == pod.Name && l[label] == value;

    public static Func<LabelSet, bool> Deployment(InferenceDeployment deployment) => l => l["deployment"] == deployment.Name && !l.Contains("pod");

    public static Func<LabelSet, bool> Gpu(FleetGpu gpu) => l => l["Hostname"] == gpu.Node.Hostname && l["gpu"] == gpu.Gpu.ToString(CultureInfo.InvariantCulture);

    /// <summary>How much a counter grew over the five minutes up to <paramref name="step"/>, faulty or healthy.</summary>
    public static double Growth(this FaultRun run, string metric, Func<LabelSet, bool> where, long step, bool healthy = false) => healthy
        ? run.HealthyValue(metric, where, step) - run.HealthyValue(metric, where, step - 20)
        : run.Value(metric, where, step) - run.Value(metric, where, step - 20);

    /// <summary>The step a timestamp falls in, rounded up.</summary>
    public static long StepOf(long timestampMs) => (timestampMs - FaultRun.StartMs + FaultRun.StepMs - 1) / FaultRun.StepMs;

    /// <summary>Asserts a series never decreases over the run (counters and restart counts), skipping absent steps.</summary>
    public static void AssertNeverDecreases(FaultRun run, string metric, Func<LabelSet, bool> where)
    {
        var index = run.Index(metric, where);
        var last = double.MinValue;
        for (long step = 0; step <= FaultRun.After + 20; step++)
        {
            var value = run.Generator.ValueAt(index, step);
            Assert.True(value >= last, $"{metric} fell from {last} to {value} at step {step}");
            last = value;
        }
    }

    /// <summary>Asserts an inference pod's latency buckets are cumulative at <paramref name="step"/>.</summary>
    public static void AssertBucketsCumulative(FaultRun run, FleetPod pod, long step)
    {
        var buckets = SeriesCatalog.LatencyBuckets
            .Select(b => run.Value("inference_request_duration_seconds_bucket", Pod(pod, "le", double.IsPositiveInfinity(b) ? "+Inf" : b.ToString(CultureInfo.InvariantCulture)), step))
            .ToList();
        Assert.Equal(buckets.Order(), buckets);
        Assert.Equal(run.Value("inference_request_duration_seconds_count", Pod(pod), step), buckets[^1]);
    }
}
