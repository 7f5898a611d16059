namespace DeepSeek.Observe.Simulation.Internal;

/// <summary>
/// Hash-based randomness: every draw is a pure function of its key (seed, entity, metric, step), so any step of any
/// series can be computed alone, in any order, on any thread, and always gives the same value. SplitMix64's
/// finaliser (Steele, Lea, Flood 2014) mixes well enough that consecutive keys look independent.
/// </summary>
internal static class StableHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a + Golden + (b * Golden));

    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    /// <summary>A stable key for a name (string.GetHashCode is randomised per process, so it cannot be used).</summary>
    public static ulong Of(string text)
    {
        // FNV-1a over UTF-16 code units, then mixed.
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    /// <summary>Uniform in [0, 1) from the top 53 bits, the precision of a double.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-1, 1).</summary>
    public static double Signed(ulong hash) => (Unit(hash) * 2) - 1;

    /// <summary>Noise for one series at one step: uniform in [-1, 1).</summary>
    public static double Noise(ulong seriesKey, long step) => Signed(Combine(seriesKey, (ulong)step));
}
