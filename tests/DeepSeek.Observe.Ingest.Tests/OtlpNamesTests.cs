using DeepSeek.Observe.Ingest.Otlp;

namespace DeepSeek.Observe.Ingest.Tests;

public class OtlpNamesTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", false, false, "http_server_request_duration_seconds")]
    [InlineData("process.memory.usage", "By", true, false, "process_memory_usage_bytes")]
    [InlineData("gpu.utilization", "1", true, false, "gpu_utilization_ratio")]
    [InlineData("train.tokens", "{token}", false, true, "train_tokens_total")]
    [InlineData("requests_total", "", false, true, "requests_total")]
    [InlineData("throughput", "By/s", true, false, "throughput_bytes_per_second")]
    [InlineData("latency_seconds", "s", true, false, "latency_seconds")]
    [InlineData("2xx.count", "", true, false, "_2xx_count")]
    [InlineData("temp", "Cel", true, false, "temp_celsius")]
    public void MetricName_FollowsCompatibilityRules(string name, string unit, bool gauge, bool monotonic, string expected)
    {
        Assert.Equal(expected, OtlpNames.MetricName(name, unit, gauge, monotonic));
    }

    [Theory]
    [InlineData("service.name", "service_name")]
    [InlineData("k8s.pod.name", "k8s_pod_name")]
    [InlineData("2xx", "key_2xx")]
    [InlineData("héllo", "h_llo")]
    public void LabelName_SanitisesAttributeKeys(string key, string expected)
    {
        Assert.Equal(expected, OtlpNames.LabelName(key));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(0.005, "0.005")]
    [InlineData(1.0, "1")]
    [InlineData(2.5, "2.5")]
    public void FormatFloat_MatchesPrometheus(double value, string expected)
    {
        Assert.Equal(expected, OtlpNames.FormatFloat(value));
    }
}
