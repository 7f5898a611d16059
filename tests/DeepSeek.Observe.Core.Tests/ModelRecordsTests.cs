using System.Text.Json;

namespace DeepSeek.Observe.Core.Tests;

public class ModelRecordsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Anomaly SampleAnomaly(double score = 0.93) => new(
        EntityId.Rank("llama", "7"),
        Layer.Framework,
        LabelSet.Create([new Label("__name__", "train_step_seconds"), new Label("rank", "7"), new Label("train_job", "llama")]),
        "peer_group",
        score,
        s_t0,
        s_t0.AddMinutes(5));

    [Fact]
    public void Anomaly_Validate_AcceptsWellFormed()
    {
        var anomaly = SampleAnomaly();

        Assert.Same(anomaly, anomaly.Validate());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Anomaly_Validate_RejectsScoreOutsideUnitInterval(double score)
    {
        Assert.Throws<ArgumentException>(() => SampleAnomaly(score).Validate());
    }

    [Fact]
    public void Anomaly_Json_RoundTripsWithReadableEnumsAndIds()
    {
        var json = JsonSerializer.Serialize(SampleAnomaly());
        var back = JsonSerializer.Deserialize<Anomaly>(json);

        Assert.Contains("\"Entity\":\"rank/llama/7\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Layer\":\"Framework\"", json, StringComparison.Ordinal);
        Assert.Equal(SampleAnomaly(), back);
    }

    [Fact]
    public void Alert_DerivesNameSeverityAndFingerprintFromLabels()
    {
        var labels = LabelSet.Create(new Dictionary<string, string>
        {
            ["alertname"] = "GpuTemperatureHigh",
            ["severity"] = "L1",
            ["Hostname"] = "node-1",
        });
        var alert = new Alert(labels, LabelSet.Empty, AlertState.Firing, s_t0, 91);

        Assert.Equal("GpuTemperatureHigh", alert.Name);
        Assert.Equal(Severity.L1, alert.Severity);
        Assert.Equal(labels.Fingerprint, alert.Fingerprint);
    }

    [Fact]
    public void RemediationAction_Json_RoundTrips()
    {
        var action = new RemediationAction(
            Guid.NewGuid(), ActionKind.Cordon, EntityId.Node("node-3"),
            new Dictionary<string, string> { ["reason"] = "xid 79" }, ActionMode.Approval, ActionState.AwaitingApproval, s_t0);

        var back = JsonSerializer.Deserialize<RemediationAction>(JsonSerializer.Serialize(action));

        Assert.NotNull(back);
        Assert.Equal(action.Target, back.Target);
        Assert.Equal("xid 79", back.Parameters["reason"]);
        Assert.Equal(ActionState.AwaitingApproval, back.State);
    }

    [Fact]
    public void RootCause_Json_RoundTripsEvidence()
    {
        var cause = new RootCause(FaultKind.Straggler, EntityId.Node("node-9"), 0.82,
            [new Evidence(EvidenceKind.Metric, "step time 2.4x peers", "train_step_seconds{rank=\"7\"}", s_t0)]);

        var back = JsonSerializer.Deserialize<RootCause>(JsonSerializer.Serialize(cause));

        Assert.NotNull(back);
        Assert.Equal(FaultKind.Straggler, back.Cause);
        Assert.Equal(cause.Evidence, back.Evidence);
    }
}
