using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// One step of an input series: a value, a staleness marker (<c>stale</c>), or no sample at all (<c>_</c>). Step i
/// lies at i × the test group's interval.
/// </summary>
public readonly record struct SeriesValue(double Value, bool Omitted)
{
    /// <summary>A step with no sample (<c>_</c>).</summary>
    public static SeriesValue Missing => new(0, Omitted: true);

    /// <summary>A staleness marker (<c>stale</c>): the series ends here.</summary>
    public static SeriesValue Stale => new(Sample.StaleNaN, Omitted: false);

    /// <summary>Whether the step is a staleness marker (by bits: every NaN compares unequal).</summary>
    public bool IsStale => !Omitted && BitConverter.DoubleToUInt64Bits(Value) == Sample.StaleNaNBits;

    /// <inheritdoc />
    public override string ToString() => Omitted ? "_" : IsStale ? "stale" : Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
