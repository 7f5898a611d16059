using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>
/// Successive draws from one key, for the several choices one log line makes (template, PID, numbers). The state lives
/// only while a line is built, so every line stays a pure function of its key.
/// </summary>
internal struct LineDraws(ulong key)
{
    private ulong _state = key;

    public ulong Next() => _state = StableHash.Mix(_state + 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double Unit() => StableHash.Unit(Next());

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Int(int min, int maxExclusive) => min + (int)(Next() % (ulong)(maxExclusive - min));

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count)];

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - Unit())) * Math.Cos(2 * Math.PI * Unit());

    public string Hex(int digits) => Next().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..Math.Min(16, digits)];
}
