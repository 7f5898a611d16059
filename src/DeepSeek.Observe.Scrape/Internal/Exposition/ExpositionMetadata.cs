using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>
/// The <c># TYPE</c>, <c># HELP</c> and <c># UNIT</c> of one target's expositions, kept from one scrape to the next
/// (one per target; scrapes of a target never overlap). A family whose lines did not change reuses its strings and its
/// <see cref="MetricMetadata"/>, so a steady target allocates nothing here per scrape. Keyed by the name on the line,
/// as Prometheus keys its scrape cache: <c>foo_total</c> for a 0.0.4 counter, <c>foo</c> for an OpenMetrics one.
/// Bounded by one exposition's metadata lines, which the body size limit bounds.
/// </summary>
internal sealed class ExpositionMetadata
{
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly List<MetricMetadata> _result = [];
    private int _scrape;

    /// <summary>Starts a scrape: families not seen in it are forgotten at <see cref="Complete"/>.</summary>
    public void Begin() => _scrape++;

    public void Type(ReadOnlySpan<char> name, MetricType type)
    {
        var family = FamilyOf(name);
        family.Seen |= Field.Type;
        if (family.Type != type)
        {
            family.Type = type;
            family.Built = null;
        }
    }

    /// <summary>Help text as written; <paramref name="openMetrics"/> selects the escapes to undo.</summary>
    public void Help(ReadOnlySpan<char> name, ReadOnlySpan<char> escaped, bool openMetrics)
    {
        var family = FamilyOf(name);
        family.Seen |= Field.Help;
        if (escaped.Contains('\\'))
        {
            Set(ref family.Help, family, Unescape(escaped, openMetrics));
        }
        else if (!escaped.SequenceEqual(family.Help))
        {
            Set(ref family.Help, family, escaped.ToString());
        }
    }

    public void Unit(ReadOnlySpan<char> name, ReadOnlySpan<char> unit)
    {
        var family = FamilyOf(name);
        family.Seen |= Field.Unit;
        if (!unit.SequenceEqual(family.Unit))
        {
            Set(ref family.Unit, family, unit.ToString());
        }
    }

    /// <summary>
    /// Ends a scrape that succeeded: the metadata of every family it had lines for. The list is reused by the next
    /// scrape, so it is for the caller to consume at once.
    /// </summary>
    public IReadOnlyList<MetricMetadata> Complete()
    {
        _result.Clear();
        List<string>? gone = null;
        foreach (var (name, family) in _families)
        {
            if (family.LastScrape != _scrape)
            {
                (gone ??= []).Add(name);
                continue;
            }

            // A line that was there before and is gone now no longer says anything, as in a fresh scrape cache entry.
            Forget(family, Field.Type, ref family.Type, MetricType.Unknown);
            Forget(family, Field.Help, ref family.Help, string.Empty);
            Forget(family, Field.Unit, ref family.Unit, string.Empty);
            family.Built ??= new MetricMetadata(name, family.Type, family.Help, family.Unit);
            _result.Add(family.Built);
        }

        foreach (var name in gone ?? [])
        {
            _families.Remove(name);
        }

        return _result;
    }

    private Family FamilyOf(ReadOnlySpan<char> name)
    {
        var lookup = _families.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var family))
        {
            family = new Family();
            _families.Add(name.ToString(), family);
        }

        if (family.LastScrape != _scrape)
        {
            family.LastScrape = _scrape;
            family.Seen = Field.None;
        }

        return family;
    }

    private static void Forget<T>(Family family, Field field, ref T value, T empty)
    {
        if ((family.Seen & field) == 0 && !EqualityComparer<T>.Default.Equals(value, empty))
        {
            value = empty;
            family.Built = null;
        }
    }

    private static void Set(ref string field, Family family, string value)
    {
        if (!string.Equals(field, value, StringComparison.Ordinal))
        {
            field = value;
            family.Built = null;
        }
    }

    /// <summary>0.0.4 help escapes <c>\\</c> and <c>\n</c>; OpenMetrics also <c>\"</c>. Other backslashes stay.</summary>
    private static string Unescape(ReadOnlySpan<char> text, bool openMetrics)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] is '\\' or 'n' || (openMetrics && text[i + 1] == '"')))
            {
                i++;
                result.Append(text[i] == 'n' ? '\n' : text[i]);
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private sealed class Family
    {
        public MetricType Type;
        public string Help = string.Empty;
        public string Unit = string.Empty;
        public MetricMetadata? Built;
        public int LastScrape;
        public Field Seen;
    }

    [Flags]
    private enum Field
    {
        None = 0,
        Type = 1,
        Help = 2,
        Unit = 4,
    }
}
