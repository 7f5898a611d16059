using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>The four layers every series, log record, anomaly and alert is attached to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Layer>))]
public enum Layer
{
    /// <summary>DCGM: utilisation, memory, temperature, power, XID, ECC, NVLink, PCIe.</summary>
    Hardware,

    /// <summary>cAdvisor / kube-state-metrics: memory, CPU throttling, restarts, OOMKilled, quota.</summary>
    Container,

    /// <summary>Training framework: step time, loss, grad norm, loss scale, collectives, checkpoints.</summary>
    Framework,

    /// <summary>Serving: QPS, latency, error rate, queue depth, quality, cost per token.</summary>
    Business,
}
