using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Simulation.Exposition;

/// <summary>
/// Writes a target's series in the Prometheus text exposition format 0.0.4, as an exporter serves them: a
/// <c># HELP</c> and <c># TYPE</c> line per family, no <c>job</c>/<c>instance</c> (the scrape adds them) and no
/// timestamps. A series the exporter would not emit at this step (<see cref="SimulatedValue.Absent"/>) is left out, and
/// so is the staleness marker the generator writes for remote_write: a scraper makes its own from the missing line.
/// </summary>
public static class ExpositionWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Appends <paramref name="target"/>'s exposition; <paramref name="values"/> holds every catalog series' value.</summary>
    public static void Write(StringBuilder output, ExposedTarget target, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var exposed in target.Families)
        {
            var headerWritten = false;
            for (var i = 0; i < exposed.Series.Length; i++)
            {
                var value = values[exposed.Series[i]];
                if (SimulatedValue.IsAbsent(value) || SimulatedValue.IsStaleMarker(value))
                {
                    continue;
                }

                // A family none of whose series is present is left out whole, as client libraries do.
                if (!headerWritten)
                {
                    output.Append("# HELP ").Append(exposed.Family.Name).Append(' ');
                    AppendEscaped(output, exposed.Family.Help, quotes: false);
                    output.Append("\n# TYPE ").Append(exposed.Family.Name).Append(' ').Append(exposed.Family.Type).Append('\n');
                    headerWritten = true;
                }

                output.Append(exposed.LinePrefixes[i]);
                AppendValue(output, value);
                output.Append('\n');
            }
        }
    }

    /// <summary>A sample value as Go's ParseFloat reads it: shortest round-trip form, <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static void AppendValue(StringBuilder output, double value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append(value switch
        {
            double.PositiveInfinity => "+Inf",
            double.NegativeInfinity => "-Inf",
            _ when double.IsNaN(value) => "NaN",
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Escapes backslash and newline (HELP text), and double quotes too in label values.</summary>
    internal static void AppendEscaped(StringBuilder output, string text, bool quotes)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                '"' when quotes => output.Append("\\\""),
                _ => output.Append(c),
            };
        }
    }
}
