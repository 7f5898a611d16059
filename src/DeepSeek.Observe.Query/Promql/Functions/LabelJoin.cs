using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// label_join(v, dst, separator, src…), prepared once per call site. Prometheus validates the source names before
/// the destination; absent sources join as empty strings, and an empty result removes the destination label.
/// </summary>
public sealed class LabelJoin
{
    private readonly string _destination;
    private readonly string _separator;
    private readonly string[] _sources;

    private LabelJoin(string destination, string separator, string[] sources)
    {
        _destination = destination;
        _separator = separator;
        _sources = sources;
    }

    public static LabelJoin Create(string destination, string separator, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            if (!LabelNames.IsValidLabelName(source))
            {
                throw new PromqlFunctionException($"invalid source label name in label_join(): {source}");
            }
        }

        if (!LabelNames.IsValidLabelName(destination))
        {
            throw new PromqlFunctionException($"invalid destination label name in label_join(): {destination}");
        }

        return new LabelJoin(destination, separator, [.. sources]);
    }

    public LabelSet Apply(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = new string[_sources.Length];
        for (var i = 0; i < _sources.Length; i++)
        {
            values[i] = labels[_sources[i]] ?? string.Empty;
        }

        return LabelSetEdits.Set(labels, _destination, string.Join(_separator, values));
    }
}
