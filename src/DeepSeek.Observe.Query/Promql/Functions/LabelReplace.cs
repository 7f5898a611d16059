using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// label_replace(v, dst, replacement, src, regex), prepared once per call site: the regex is anchored and compiled,
/// the destination name validated, with Prometheus's error messages (it checks the regex first).
/// </summary>
public sealed class LabelReplace
{
    private readonly Re2Regex _regex;
    private readonly string _destination;
    private readonly string _replacement;
    private readonly string _source;

    private LabelReplace(Re2Regex regex, string destination, string replacement, string source)
    {
        _regex = regex;
        _destination = destination;
        _replacement = replacement;
        _source = source;
    }

    public static LabelReplace Create(string destination, string replacement, string source, string regex)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(regex);
        if (!Re2Regex.TryCompileAnchored(regex, out var compiled))
        {
            throw new PromqlFunctionException($"invalid regular expression in label_replace(): {regex}");
        }

        if (!LabelNames.IsValidLabelName(destination))
        {
            throw new PromqlFunctionException($"invalid destination label name in label_replace(): {destination}");
        }

        return new LabelReplace(compiled!, destination, replacement, source);
    }

    /// <summary>
    /// The series' new labels: unchanged when the source value (empty if absent) does not match; otherwise the
    /// destination is set to the expansion, or removed when the expansion is empty. The metric name is kept.
    /// </summary>
    public LabelSet Apply(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var match = _regex.Match(labels[_source] ?? string.Empty);
        if (match is null)
        {
            return labels;
        }

        return LabelSetEdits.Set(labels, _destination, _regex.Expand(_replacement, match));
    }
}
