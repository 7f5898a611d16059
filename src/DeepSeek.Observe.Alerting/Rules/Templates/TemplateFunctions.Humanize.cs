using System.Globalization;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>Prometheus's humanize family: SI and binary prefixes with four significant digits, durations.</summary>
internal static partial class TemplateFunctions
{
    private static readonly string[] s_bigPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] s_smallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"];
    private static readonly string[] s_binaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];

    internal static string Humanize(double v)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return GoFormat.G(v, 4);
        }

        var prefix = string.Empty;
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in s_bigPrefixes)
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }

                prefix = p;
                v /= 1000;
            }
        }
        else
        {
            (v, prefix) = Small(v);
        }

        return GoFormat.G(v, 4) + prefix;
    }

    internal static string Humanize1024(double v)
    {
        if (Math.Abs(v) <= 1 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return GoFormat.G(v, 4);
        }

        var prefix = string.Empty;
        foreach (var p in s_binaryPrefixes)
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }

            prefix = p;
            v /= 1024;
        }

        return GoFormat.G(v, 4) + prefix;
    }

    internal static string HumanizeDuration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return GoFormat.G(v, 4);
        }

        if (v == 0)
        {
            return GoFormat.G(v, 4) + "s";
        }

        if (Math.Abs(v) >= 1)
        {
            var sign = v < 0 ? "-" : string.Empty;
            v = Math.Abs(v);
            var total = (long)v;
            var seconds = total % 60;
            var minutes = total / 60 % 60;
            var hours = total / 3600 % 24;
            var days = total / 86400;
            var inv = CultureInfo.InvariantCulture;
            return days != 0 ? string.Create(inv, $"{sign}{days}d {hours}h {minutes}m {seconds}s")
                : hours != 0 ? string.Create(inv, $"{sign}{hours}h {minutes}m {seconds}s")
                : minutes != 0 ? string.Create(inv, $"{sign}{minutes}m {seconds}s")
                : sign + GoFormat.G(v, 4) + "s";
        }

        var (scaled, prefix) = Small(v);
        return GoFormat.G(scaled, 4) + prefix + "s";
    }

    private static (double Value, string Prefix) Small(double v)
    {
        var prefix = string.Empty;
        foreach (var p in s_smallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return (v, prefix);
    }
}
