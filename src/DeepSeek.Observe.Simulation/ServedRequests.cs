namespace DeepSeek.Observe.Simulation;

/// <summary>
/// An inference pod's requests since the start (unrounded), split by latency regime: <see cref="Quiet"/> ones and
/// <see cref="Busy"/> ones that shared a busy batch and took longer. Both parts only grow.
/// </summary>
internal readonly record struct ServedRequests(double Quiet, double Busy)
{
    public double Total => Quiet + Busy;

    public static ServedRequests operator -(ServedRequests later, ServedRequests earlier) =>
        new(later.Quiet - earlier.Quiet, later.Busy - earlier.Busy);
}
