namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// The type and help of every metric the simulated fleet exposes, as the real exporters declare them: dcgm-exporter's
/// types follow its counters CSV (energy, NVLink bandwidth and the error counters are counters even though their names
/// lack <c>_total</c>), kube-state-metrics, cAdvisor and node-exporter as they ship. Help texts are our own wording.
/// </summary>
public static class MetricFamilies
{
    private static readonly Dictionary<string, MetricFamily> s_families = new MetricFamily[]
    {
        new("DCGM_FI_DEV_GPU_UTIL", MetricFamily.Gauge, "GPU utilization (in %)."),
        new("DCGM_FI_DEV_GPU_TEMP", MetricFamily.Gauge, "GPU temperature (in C)."),
        new("DCGM_FI_DEV_MEMORY_TEMP", MetricFamily.Gauge, "Memory temperature (in C)."),
        new("DCGM_FI_DEV_POWER_USAGE", MetricFamily.Gauge, "Power draw (in W)."),
        new("DCGM_FI_DEV_FB_USED", MetricFamily.Gauge, "Framebuffer memory used (in MiB)."),
        new("DCGM_FI_DEV_FB_FREE", MetricFamily.Gauge, "Framebuffer memory free (in MiB)."),
        new("DCGM_FI_DEV_SM_CLOCK", MetricFamily.Gauge, "SM clock frequency (in MHz)."),
        new("DCGM_FI_DEV_MEM_CLOCK", MetricFamily.Gauge, "Memory clock frequency (in MHz)."),
        new("DCGM_FI_DEV_MEM_COPY_UTIL", MetricFamily.Gauge, "Memory utilization (in %)."),
        new("DCGM_FI_PROF_GR_ENGINE_ACTIVE", MetricFamily.Gauge, "Ratio of time the graphics engine is active."),
        new("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", MetricFamily.Gauge, "Ratio of cycles the tensor (HMMA) pipe is active."),
        new("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", MetricFamily.Gauge, "Current clock throttle reasons (NVML bitmask)."),
        new("DCGM_FI_DEV_XID_ERRORS", MetricFamily.Gauge, "Value of the last XID error encountered."),
        new("DCGM_FI_DEV_ROW_REMAP_FAILURE", MetricFamily.Gauge, "Whether remapping of rows has failed."),
        new("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", MetricFamily.Counter, "Total energy consumption since boot (in mJ)."),
        new("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", MetricFamily.Counter, "Total NVLink bandwidth counter over all lanes."),
        new("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", MetricFamily.Counter, "Total number of PCIe retries."),
        new("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", MetricFamily.Counter, "Total number of single-bit volatile ECC errors."),
        new("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", MetricFamily.Counter, "Total number of double-bit volatile ECC errors."),
        new("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", MetricFamily.Counter, "Number of rows remapped for correctable errors."),
        new("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", MetricFamily.Counter, "Number of rows remapped for uncorrectable errors."),
        new("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", MetricFamily.Counter, "Total number of NVLink flow-control CRC errors."),
        new("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", MetricFamily.Counter, "Total number of NVLink data CRC errors."),
        new("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", MetricFamily.Counter, "Total number of NVLink retries."),
        new("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", MetricFamily.Counter, "Total number of NVLink recovery errors."),
        new("DCGM_FI_DEV_THERMAL_VIOLATION", MetricFamily.Counter, "Throttling duration due to thermal constraints (in ns)."),
        new("DCGM_FI_DEV_POWER_VIOLATION", MetricFamily.Counter, "Throttling duration due to power constraints (in ns)."),

        new("node_network_mtu_bytes", MetricFamily.Gauge, "Network device property: mtu_bytes"),
        new("node_network_receive_errs_total", MetricFamily.Counter, "Network device statistic receive_errs."),
        new("node_network_transmit_errs_total", MetricFamily.Counter, "Network device statistic transmit_errs."),
        new("node_network_up", MetricFamily.Gauge, "Value is 1 if operstate is 'up', 0 otherwise."),

        new("kube_pod_status_phase", MetricFamily.Gauge, "The pods current phase."),
        new("kube_pod_info", MetricFamily.Gauge, "Information about pod."),
        new("kube_pod_container_status_restarts_total", MetricFamily.Counter, "The number of container restarts per container."),
        new("kube_pod_container_status_last_terminated_reason", MetricFamily.Gauge, "Describes the last reason the container was in terminated state."),
        new("kube_pod_container_status_waiting_reason", MetricFamily.Gauge, "Describes the reason the container is currently in waiting state."),
        new("kube_pod_container_resource_limits", MetricFamily.Gauge, "The number of requested limit resource by a container."),
        new("kube_pod_container_info", MetricFamily.Gauge, "Information about a container in a pod."),
        new("kube_deployment_metadata_generation", MetricFamily.Gauge, "Sequence number representing a specific generation of the desired state."),
        new("kube_deployment_status_observed_generation", MetricFamily.Gauge, "The generation observed by the deployment controller."),
        new("kube_deployment_spec_replicas", MetricFamily.Gauge, "Number of desired pods for a deployment."),
        new("kube_deployment_status_replicas_available", MetricFamily.Gauge, "The number of available replicas per deployment."),
        new("kube_resourcequota", MetricFamily.Gauge, "Information about resource quota."),

        new("container_memory_working_set_bytes", MetricFamily.Gauge, "Current working set in bytes."),
        new("container_cpu_cfs_periods_total", MetricFamily.Counter, "Number of elapsed enforcement period intervals."),
        new("container_cpu_cfs_throttled_periods_total", MetricFamily.Counter, "Number of throttled period intervals."),

        new("train_step_time_seconds", MetricFamily.Gauge, "Wall time of the last optimizer step."),
        new("train_steps_total", MetricFamily.Counter, "Optimizer steps completed."),
        new("train_loss", MetricFamily.Gauge, "Training loss at the last step."),
        new("train_grad_norm", MetricFamily.Gauge, "Global gradient norm at the last step."),
        new("train_loss_scale", MetricFamily.Gauge, "Mixed-precision loss scale."),
        new("train_tokens_per_second", MetricFamily.Gauge, "Tokens this rank processed per second over the last step."),
        new("train_collective_time_seconds", MetricFamily.Gauge, "Time the last step spent in collectives."),
        new("train_checkpoint_save_seconds", MetricFamily.Gauge, "Duration of the last checkpoint save."),
        new("train_dataloader_wait_seconds", MetricFamily.Gauge, "Time the last step waited for input batches."),

        new("inference_build_info", MetricFamily.Gauge, "The served model version; always 1."),
        new("inference_requests_total", MetricFamily.Counter, "Requests served, by status code."),
        new("inference_request_duration_seconds", MetricFamily.Histogram, "Time from request to full response."),
        new("inference_queue_depth", MetricFamily.Gauge, "Requests waiting for a batch slot."),
        new("inference_quality_score", MetricFamily.Gauge, "Online quality score of sampled responses (0 to 1)."),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly string[] s_histogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>The family a series named <paramref name="metric"/> belongs to, or null when none is declared.</summary>
    public static MetricFamily? Of(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (s_families.TryGetValue(metric, out var family))
        {
            return family;
        }

        foreach (var suffix in s_histogramSuffixes)
        {
            if (metric.EndsWith(suffix, StringComparison.Ordinal)
                && s_families.TryGetValue(metric[..^suffix.Length], out var histogram) && histogram.Type == MetricFamily.Histogram)
            {
                return histogram;
            }
        }

        return null;
    }
}
