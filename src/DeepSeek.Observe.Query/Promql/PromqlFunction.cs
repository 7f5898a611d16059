namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// A function's signature. <see cref="Variadic"/> follows Prometheus: 0 means exactly <see cref="ArgTypes"/>;
/// n &gt; 0 means the last argument type may be left out or repeated up to n times in all (so the count is between
/// ArgTypes.Count - 1 and ArgTypes.Count - 1 + n); -1 means the last type repeats without limit.
/// </summary>
public sealed record PromqlFunction(string Name, IReadOnlyList<PromqlValueType> ArgTypes, int Variadic, PromqlValueType ReturnType)
{
    public int MinArgs => Variadic == 0 ? ArgTypes.Count : ArgTypes.Count - 1;

    /// <summary>The largest argument count, or null when unbounded.</summary>
    public int? MaxArgs => Variadic switch
    {
        0 => ArgTypes.Count,
        < 0 => null,
        _ => ArgTypes.Count - 1 + Variadic,
    };

    /// <summary>The type argument <paramref name="index"/> must have (extra variadic arguments repeat the last).</summary>
    public PromqlValueType ArgType(int index) => ArgTypes[Math.Min(index, ArgTypes.Count - 1)];
}
