using System.Globalization;

namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>What an <c>@</c> modifier pins evaluation to.</summary>
public enum AtKind
{
    Timestamp,
    Start,
    End,
}

/// <summary>An <c>@ &lt;timestamp&gt;</c>, <c>@ start()</c> or <c>@ end()</c> modifier; the timestamp in milliseconds.</summary>
public sealed record AtModifier(AtKind Kind, long TimestampMs = 0)
{
    public static AtModifier Start { get; } = new(AtKind.Start);

    public static AtModifier End { get; } = new(AtKind.End);

    public override string ToString() => Kind switch
    {
        AtKind.Start => " @ start()",
        AtKind.End => " @ end()",
        _ => " @ " + (TimestampMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture),
    };

    /// <summary>The modifiers' suffix as Prometheus prints it: <c>@</c> first, then <c>offset</c>.</summary>
    internal static string Suffix(AtModifier? at, long offsetMs) =>
        (at?.ToString() ?? string.Empty) + offsetMs switch
        {
            > 0 => " offset " + PromqlDuration.Format(offsetMs),
            < 0 => " offset -" + PromqlDuration.Format(-offsetMs),
            _ => string.Empty,
        };
}
