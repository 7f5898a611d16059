using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// The functions alert templates may call: Go's built-ins that make sense on labels and values, and Prometheus's
/// formatting helpers with Prometheus's exact output. Prometheus functions that need the query engine or HTML
/// (<c>query</c>, <c>first</c>, <c>graphLink</c>, …) are refused at load time rather than printed wrong.
/// </summary>
internal static partial class TemplateFunctions
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly HashSet<string> s_unsupported =
    [
        "query", "first", "label", "value", "strvalue", "sortByLabel", "args", "tmpl", "graphLink", "tableLink",
        "html", "js", "slice", "call", "toTime", "stripDomain", "println",
    ];

    private static readonly Dictionary<string, Func<object?[], TemplateData, object?>> s_functions = new(StringComparer.Ordinal)
    {
        ["humanize"] = (a, _) => Humanize(TemplateValues.ToFloat(One(a, "humanize"))),
        ["humanize1024"] = (a, _) => Humanize1024(TemplateValues.ToFloat(One(a, "humanize1024"))),
        ["humanizeDuration"] = (a, _) => HumanizeDuration(TemplateValues.ToFloat(One(a, "humanizeDuration"))),
        ["humanizePercentage"] = (a, _) => GoFormat.G(TemplateValues.ToFloat(One(a, "humanizePercentage")) * 100, 4) + "%",
        ["humanizeTimestamp"] = (a, _) => HumanizeTimestamp(TemplateValues.ToFloat(One(a, "humanizeTimestamp"))),
        ["printf"] = (a, _) => a.Length > 0 && a[0] is string format ? GoPrintf.Format(format, a[1..]) : throw Wrong("printf"),
        ["print"] = (a, _) => Print(a),
        ["toUpper"] = (a, _) => Text(a, "toUpper").ToUpperInvariant(),
        ["toLower"] = (a, _) => Text(a, "toLower").ToLowerInvariant(),
        ["title"] = (a, _) => Title(Text(a, "title")),
        ["reReplaceAll"] = (a, _) => a.Length == 3 && a[0] is string p && a[1] is string r && a[2] is string t
            ? Regex(p).Replace(t, r)
            : throw Wrong("reReplaceAll"),
        ["match"] = (a, _) => a.Length == 2 && a[0] is string p && a[1] is string t ? Regex(p).IsMatch(t) : throw Wrong("match"),
        ["safeHtml"] = (a, _) => Text(a, "safeHtml"),
        ["stripPort"] = (a, _) => StripPort(Text(a, "stripPort")),
        ["externalURL"] = (_, d) => d.ExternalUrl,
        ["pathPrefix"] = (_, d) => Uri.TryCreate(d.ExternalUrl, UriKind.Absolute, out var u) ? u.AbsolutePath.TrimEnd('/') : string.Empty,
        ["parseDuration"] = (a, _) => Core.PrometheusDuration.TryParse(Text(a, "parseDuration"), out var d)
            ? d.TotalSeconds
            : throw new TemplateExecutionException($"not a valid duration string: \"{a[0]}\""),
        ["urlquery"] = (a, _) => Uri.EscapeDataString(Print(a)).Replace("%20", "+", StringComparison.Ordinal),
        ["len"] = (a, _) => One(a, "len") switch
        {
            string s => (long)Encoding.UTF8.GetByteCount(s),
            IReadOnlyDictionary<string, string> m => (long)m.Count,
            var other => throw new TemplateExecutionException($"len of type {TemplateValues.GoType(other)}"),
        },
        ["index"] = (a, _) => a.Length == 2 && a[0] is IReadOnlyDictionary<string, string> m && a[1] is string k
            ? m.GetValueOrDefault(k, string.Empty)
            : throw Wrong("index"),
        ["and"] = (a, _) => a.Length == 0 ? throw Wrong("and") : a.FirstOrDefault(v => !TemplateValues.Truth(v), a[^1]),
        ["or"] = (a, _) => a.Length == 0 ? throw Wrong("or") : Array.Find(a, TemplateValues.Truth) ?? a[^1],
        ["not"] = (a, _) => !TemplateValues.Truth(One(a, "not")),
        ["eq"] = (a, _) => a.Length >= 2 ? a.Skip(1).Any(b => Compare(a[0], b, equality: true) == 0) : throw Wrong("eq"),
        ["ne"] = (a, _) => a.Length == 2 ? Compare(a[0], a[1], equality: true) != 0 : throw Wrong("ne"),
        ["lt"] = (a, _) => a.Length == 2 ? Compare(a[0], a[1], equality: false) < 0 : throw Wrong("lt"),
        ["le"] = (a, _) => a.Length == 2 ? Compare(a[0], a[1], equality: false) <= 0 : throw Wrong("le"),
        ["gt"] = (a, _) => a.Length == 2 ? Compare(a[0], a[1], equality: false) > 0 : throw Wrong("gt"),
        ["ge"] = (a, _) => a.Length == 2 ? Compare(a[0], a[1], equality: false) >= 0 : throw Wrong("ge"),
    };

    public static bool IsDefined(string name) => s_functions.ContainsKey(name);

    public static bool IsUnsupported(string name) => s_unsupported.Contains(name);

    public static object? Call(string name, object?[] args, TemplateData data) => s_functions[name](args, data);

    private static object? One(object?[] args, string name) =>
        args.Length == 1 ? args[0] : throw new TemplateExecutionException($"wrong number of args for {name}: want 1 got {args.Length}");

    private static string Text(object?[] args, string name) =>
        One(args, name) as string ?? throw new TemplateExecutionException($"wrong type for value; expected string; got {TemplateValues.GoType(args[0])}");

    private static TemplateExecutionException Wrong(string name) => new($"wrong number or type of args for {name}");

    private static Regex Regex(string pattern)
    {
        try
        {
            // Prometheus anchors neither; RE2 and .NET agree on the syntax alert templates use (classes, groups, $1).
            return new Regex(pattern, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new TemplateExecutionException($"error parsing regexp: {ex.Message}");
        }
    }

    // Go's fmt.Sprint: a space between operands when neither side is a string.
    private static string Print(object?[] args)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                builder.Append(' ');
            }

            builder.Append(TemplateValues.Print(args[i]));
        }

        return builder.ToString();
    }

    // Go's eq/lt: same basic kind required (integers with integers, floats with floats), else an error.
    private static int Compare(object? a, object? b, bool equality) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x < y ? -1 : x > y ? 1 : x == y ? 0 : 2,
        (string x, string y) => string.CompareOrdinal(x, y),
        (bool x, bool y) when equality => x == y ? 0 : 1,
        (bool, bool) => throw new TemplateExecutionException("invalid type for comparison"),
        _ when a is null || b is null || a.GetType() != b.GetType() => throw new TemplateExecutionException("incompatible types for comparison"),
        _ => throw new TemplateExecutionException("invalid type for comparison"),
    };

    private static string Title(string text)
    {
        // strings.Title: upper-case the first letter of each word; words are separated by non-letters/digits.
        var chars = text.ToCharArray();
        var previousIsSeparator = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (previousIsSeparator && char.IsLetter(chars[i]))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }

            previousIsSeparator = !(char.IsLetterOrDigit(chars[i]) || chars[i] == '_' || chars[i] == '\'');
        }

        return new string(chars);
    }

    private static string StripPort(string host)
    {
        if (host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            return host[1..close];
        }

        var colon = host.LastIndexOf(':');
        return colon >= 0 && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }

    private static string HumanizeTimestamp(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > 253_402_300_799)
        {
            return GoFormat.G(seconds, 4);
        }

        // Go's time.Time.String() in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC" (fraction without trailing zeros).
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        var fraction = time.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : string.Empty) + " +0000 UTC";
    }
}
