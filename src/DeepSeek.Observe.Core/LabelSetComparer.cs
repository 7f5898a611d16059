namespace DeepSeek.Observe.Core;

/// <summary>Prometheus's series order: label by label, name then value, ordinal.</summary>
public sealed class LabelSetComparer : IComparer<LabelSet>
{
    public static LabelSetComparer Instance { get; } = new();

    public int Compare(LabelSet? x, LabelSet? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var byName = string.CompareOrdinal(x[i].Name, y[i].Name);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = string.CompareOrdinal(x[i].Value, y[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return x.Count.CompareTo(y.Count);
    }
}
