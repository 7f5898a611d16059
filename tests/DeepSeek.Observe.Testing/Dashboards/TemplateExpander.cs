using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Testing.Dashboards;

/// <summary>
/// Expands a query's template variables the way Grafana's Prometheus data source does before sending it:
/// <c>$name</c>, <c>${name}</c>, <c>${name:format}</c> and <c>[[name]]</c>; a chosen value is regex-escaped (the
/// dashboards use them in <c>=~</c> matchers), several become <c>(a|b)</c>, All becomes the variable's all value;
/// the built-ins <c>$__interval</c>, <c>$__rate_interval</c> and <c>$__range</c> (plus <c>_ms</c>/<c>_s</c>) come from
/// the panel's window. An undefined name throws, so a typo cannot pass as a literal.
/// </summary>
public sealed partial class TemplateExpander
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <param name="window">The query window the built-ins describe.</param>
    /// <param name="scrapeInterval">The data source's scrape interval (its <c>timeInterval</c>), for <c>$__rate_interval</c>.</param>
    public TemplateExpander(QueryWindow window, TimeSpan scrapeInterval)
    {
        ArgumentNullException.ThrowIfNull(window);
        var step = window.Step;
        // Grafana: $__rate_interval = max($__interval + scrape interval, 4 × scrape interval).
        var rateInterval = TimeSpan.FromTicks(Math.Max((step + scrapeInterval).Ticks, 4 * scrapeInterval.Ticks));
        var range = window.End - window.Start;
        _values["__interval"] = Duration(step);
        _values["__interval_ms"] = Milliseconds(step);
        _values["__rate_interval"] = Duration(rateInterval);
        _values["__rate_interval_ms"] = Milliseconds(rateInterval);
        _values["__range"] = Duration(range);
        _values["__range_s"] = ((long)range.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        _values["__range_ms"] = Milliseconds(range);
    }

    /// <summary>Sets a variable to All (its all value, <c>.*</c> when it has none).</summary>
    public TemplateExpander SetAll(DashboardVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        _values[variable.Name] = variable.AllValue ?? ".*";
        return this;
    }

    /// <summary>Sets a variable to chosen values (at least one).</summary>
    public TemplateExpander Set(string name, IReadOnlyList<string> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentOutOfRangeException.ThrowIfZero(chosen.Count);
        _values[name] = chosen.Count == 1 ? RegexLiteral(chosen[0]) : "(" + string.Join('|', chosen.Select(RegexLiteral)) + ")";
        return this;
    }

    /// <summary>The names a text refers to, built-ins included.</summary>
    public static IEnumerable<string> ReferencedNames(string text) =>
        ReferenceRegex().Matches(text).Select(m => Name(m));

    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReferenceRegex().Replace(text, match =>
        {
            var name = Name(match);
            return _values.TryGetValue(name, out var value)
                ? value
                : throw new KeyNotFoundException($"template variable '{name}' is not defined (in: {text})");
        });
    }

    // Grafana's escaping for a value inside a quoted =~ matcher: regex metacharacters get a backslash, itself
    // doubled for the PromQL string literal ("a.b" becomes a\\.b in the query text).
    private static string RegexLiteral(string value)
    {
        var escaped = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c == '\\' ? @"\\\\" : "$^*{}[]'+?.()|".Contains(c, StringComparison.Ordinal) ? @"\\" + c : c.ToString());
        }

        return escaped.ToString();
    }

    private static string Name(Match match) =>
        match.Groups["braced"].Success ? match.Groups["braced"].Value
        : match.Groups["bracket"].Success ? match.Groups["bracket"].Value
        : match.Groups["plain"].Value;

    // Whole seconds where exact, as Grafana prints them; PromQL accepts both.
    private static string Duration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : Milliseconds(span) + "ms";

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::[^}]*)?\}|\[\[(?<bracket>\w+)(?::[^\]]*)?\]\]|\$(?<plain>\w+)")]
    private static partial Regex ReferenceRegex();
}
