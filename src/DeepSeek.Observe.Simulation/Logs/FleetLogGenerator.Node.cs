using DeepSeek.Observe.Simulation.Faults;
using static System.FormattableString;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>A GPU node's journal: systemd, time sync, the kubelet, the NVIDIA daemons and a quiet kernel.</summary>
public sealed partial class FleetLogGenerator
{
    private static readonly string[] s_timers = ["logrotate", "man-db", "apt-daily", "sysstat-collect", "fstrim", "e2scrub_all"];
    private static readonly string[] s_finished = ["Rotate log files", "Daily man-db regeneration", "Discard unused blocks on filesystems", "Cleanup of Temporary Directories"];
    private static readonly string[] s_users = ["root", "ops", "ubuntu"];

    private SimulatedLog NodeLine(FleetNode node, long timestampMs, ref LineDraws draws)
    {
        var bucket = draws.Int(0, 20);
        var (level, body) = bucket switch
        {
            <= 3 => Info(Session(draws.Int(1000, 90_000), draws.Pick(s_users))),
            4 => Info(Invariant($"systemd[1]: {draws.Pick(s_timers)}.service: Deactivated successfully.")),
            5 => Info(Invariant($"systemd[1]: Finished {draws.Pick(s_finished)}.")),
            6 => Info(Invariant($"chronyd[{Pid(node, 1)}]: Selected source 10.40.0.{draws.Int(2, 5)} (ntp{draws.Int(1, 4)}.cluster.internal)")),
            7 => Info(Invariant($"chronyd[{Pid(node, 1)}]: System clock offset {(draws.Unit() - 0.5) * 4e-4:F6} s, frequency {draws.Int(-40, 40)}.{draws.Int(0, 999):D3} ppm, synchronised")),
            8 => Info(Klog('I', timestampMs, Pid(node, 2), "image_gc_manager.go:371",
                Invariant($"\"Image filesystem usage below low threshold, nothing to collect\" usage={draws.Int(18, 62)} lowThreshold=80"))),
            9 => Info(Klog('I', timestampMs, Pid(node, 2), "kubelet_node_status.go:503", "\"Node status is up to date\" node=\"" + node.Hostname + "\"")),
            10 => (LogSeverity.Warn, Klog('W', timestampMs, Pid(node, 2), "file_linux.go:61", "\"Unable to read config path\" err=\"path does not exist, ignoring\" path=\"/etc/kubernetes/manifests\"")),
            11 => Info(Invariant($"nvidia-persistenced[{Pid(node, 3)}]: Device {Bus(node, ref draws)} persistence mode confirmed enabled")),
            12 => Info(Invariant($"NVRM: GPU {Bus(node, ref draws)}: persistence client attached, driver {Fleet.DriverVersion}")),
            13 => Info(Invariant($"nv-hostengine[{Pid(node, 4)}]: field group refresh complete for {_fleet.Spec.GpusPerNode} GPUs in {draws.Int(3, 40)} ms")),
            14 => Info(Invariant($"IPv6: ADDRCONF(NETDEV_CHANGE): cali{draws.Hex(11)}: link becomes ready")),
            15 => (LogSeverity.Warn, PerfThrottle(ref draws)),
            16 => Info(Invariant($"systemd-journald[{Pid(node, 5)}]: /var/log/journal/{draws.Hex(16)}/system.journal: journal file reached its size limit, rotating.")),
            17 => Info(Invariant($"sshd[{draws.Int(20_000, 400_000)}]: Accepted publickey for ops from 10.8.{draws.Int(0, 4)}.{draws.Int(2, 250)} port {draws.Int(32_768, 61_000)} ssh2: ED25519")),
            18 => Info(Invariant($"smartd[{Pid(node, 6)}]: Device: /dev/nvme{draws.Int(0, 4)}n1, temperature {draws.Int(31, 46)} Celsius, health OK")),
            _ => (LogSeverity.Debug, Invariant($"containerd[{Pid(node, 7)}]: level=debug msg=\"garbage collection finished\" d={draws.Int(2, 90)}.{draws.Int(0, 999):D3}ms")),
        };
        return new SimulatedLog(timestampMs, LogSource.Kernel, level, node, null, null, body);
    }

    private static string Session(int session, string user) => Invariant($"systemd[1]: Started session-{session}.scope - Session {session} of User {user}.");

    // The kernel halves perf's sample rate when an interrupt handler runs long: common on busy hosts and harmless.
    private static string PerfThrottle(ref LineDraws draws)
    {
        var limit = draws.Int(2_400, 3_200);
        return Invariant($"perf: interrupt took too long ({limit + draws.Int(1, 300)} > {limit}), lowering kernel.perf_event_max_sample_rate to {draws.Int(40, 80) * 1000}");
    }

    private string Bus(FleetNode node, ref LineDraws draws) =>
        _fleet.Gpus[(node.Index * _fleet.Spec.GpusPerNode) + draws.Int(0, _fleet.Spec.GpusPerNode)].PciBusId[4..].ToLowerInvariant();

    /// <summary>A daemon's PID on a node: fixed for the run, as a long-lived daemon's is.</summary>
    private int Pid(FleetNode node, ulong daemon) =>
        600 + (int)(Internal.StableHash.Combine(_seed, 0x919, ((ulong)node.Index << 8) | daemon) % 3400);

    /// <summary>A kubelet line in klog's header format: severity, MMdd, time to the microsecond, PID, file:line.</summary>
    private static string Klog(char severity, long timestampMs, int pid, string source, string message)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
        return Invariant($"kubelet[{pid}]: {severity}{time:MMdd HH:mm:ss.fff}{timestampMs % 997:D3} {pid,7} {source}] {message}");
    }

    private static (LogSeverity, string) Info(string body) => (LogSeverity.Info, body);
}
