namespace DeepSeek.Observe.Simulation;

/// <summary>node-exporter's view of each node's collective-network NIC (the RoCE port NCCL uses).</summary>
public sealed partial class SeriesCatalog
{
    /// <summary>The NIC NCCL's collectives use on every node (a ConnectX port's predictable name).</summary>
    public const string CollectiveNic = "ens8f0np0";

    /// <summary>The fabric's MTU: jumbo frames, as RoCE fabrics are configured.</summary>
    public const double FabricMtu = 9000;

    private void AddNodes()
    {
        foreach (var node in Fleet.Nodes)
        {
            // node-exporter has no node label of its own; the relabeling most users apply adds one from the pod's node.
            KeyValuePair<string, string>[] labels = [L("job", "node-exporter"), L("instance", $"{node.Hostname}:9100"), L("node", node.Hostname), L("device", CollectiveNic)];
            Add(SignalKind.NodeConstant, node.Index, "node_network_mtu_bytes", labels, FabricMtu);
            Add(SignalKind.NodeConstant, node.Index, "node_network_receive_errs_total", labels, 0);
            Add(SignalKind.NodeConstant, node.Index, "node_network_transmit_errs_total", labels, 0);
            Add(SignalKind.NodeConstant, node.Index, "node_network_up", labels, 1);
        }
    }
}
