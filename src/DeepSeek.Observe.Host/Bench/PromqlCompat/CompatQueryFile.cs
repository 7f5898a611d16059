using System.Text.RegularExpressions;

namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>
/// The suite's query file (<c>compat-queries.txt</c>, embedded in this assembly): one query per line,
/// <c>EVALUATIONS [FLAGS] | PROMQL</c>. Evaluations: <c>i</c> (instant at the end), <c>i@end-30m</c>, <c>r</c> (the
/// whole data set at 1 m), <c>r@start+7s..end/37s</c>. Flags: <c>ordered</c> (order is compared), <c>empty</c> (the
/// result must be empty), <c>error=TYPE</c> (Prometheus must answer with that errorType). In the PromQL,
/// <c>${end-30m}</c> stands for that time in unix seconds (for <c>@</c> and comparisons with <c>time()</c>); only <c>${start…}</c> and <c>${end…}</c> are placeholders, so label_replace's <c>${1}</c> stays as written.
/// </summary>
internal static partial class CompatQueryFile
{
    /// <summary>Most queries one file may hold: a bound on what one run sends to two servers.</summary>
    public const int MaxQueries = 5000;

    private const string ResourceName = "DeepSeek.Observe.Host.Bench.PromqlCompat.compat-queries.txt";

    /// <summary>The query file shipped with the suite.</summary>
    public static string Embedded()
    {
        using var stream = typeof(CompatQueryFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a query file; throws <see cref="FormatException"/> naming the first bad line.</summary>
    public static IReadOnlyList<CompatQuery> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var queries = new List<CompatQuery>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var bar = line.IndexOf(" | ", StringComparison.Ordinal);
            if (bar < 0)
            {
                throw new FormatException($"line {n + 1}: expected 'EVALUATIONS [FLAGS] | PROMQL': {line}");
            }

            queries.Add(ParseLine(n + 1, line[..bar], line[(bar + 3)..].Trim()));
            if (queries.Count > MaxQueries)
            {
                throw new FormatException($"more than {MaxQueries} queries");
            }
        }

        return queries;
    }

    /// <summary>Replaces every <c>${TIME}</c> in <paramref name="promql"/> with that time's unix seconds.</summary>
    public static string Resolve(string promql, long dataSetStartMs) =>
        Placeholder().Replace(promql, match => CompatEvaluation.TryResolve(match.Groups[1].Value, dataSetStartMs, out var ms)
            ? CompatEvaluation.Seconds(ms)
            : throw new FormatException($"unknown time placeholder {match.Value} in {promql}"));

    private static CompatQuery ParseLine(int line, string head, string promql)
    {
        var evaluations = new List<CompatEvaluation>();
        var (ordered, empty, post) = (false, false, false);
        string? error = null;
        foreach (var token in head.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "ordered")
            {
                ordered = true;
            }
            else if (token == "empty")
            {
                empty = true;
            }
            else if (token == "post")
            {
                post = true;
            }
            else if (token.StartsWith("error=", StringComparison.Ordinal) && token.Length > 6)
            {
                error = token[6..];
            }
            else
            {
                evaluations.Add(CompatEvaluation.TryParse(token) ?? throw new FormatException($"line {line}: unknown token '{token}'"));
            }
        }

        if (evaluations.Count == 0 || promql.Length == 0)
        {
            throw new FormatException($"line {line}: needs at least one evaluation (i, r, i@TIME, r@START..END/STEP) and a query");
        }

        try
        {
            _ = Resolve(promql, 0);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"line {line}: {ex.Message}", ex);
        }

        return new CompatQuery(line, promql, evaluations, ordered, empty, error, post);
    }

    [GeneratedRegex(@"\$\{((?:start|end)[^}]*)\}")]
    private static partial Regex Placeholder();
}
