using System.Text;
using System.Text.RegularExpressions;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Testing;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>
/// Prometheus 2.42 itself decides which queries are valid: every query below goes into a rule file that
/// <c>promtool check rules</c> parses, and our parser must accept exactly the queries promtool accepts, and reject
/// the others with promtool's message (position included).
/// </summary>
public partial class PromtoolOracleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // Chosen to sit on the grammar's edges: keywords as metric names, number and duration forms, escapes,
    // modifiers on the wrong operands, matching modifiers on the wrong operators, function signatures.
    private static readonly string[] s_queries =
    [
        "sum", "by", "offset", "and", "start", "on", "bool", "group_left", "atan2",
        "foo and and", "offset offset 5m", "sum{job=\"x\"}", "SUM(foo)", "Sum By (a) (foo)", "RATE(foo[5m])",
        "Inf", "-nan", "inf{}", "017", "08", "0x1F", "0x", "1e", "1.e5", ".5", "5.", "1e400",
        "foo[ 5m ]", "foo[1h30m]", "foo[1.5m]", "foo[0s]", "foo[5m1m]", "foo offset 1m1h", "foo offset -1w", "foo offset 0s",
        "foo[5m:1m:1m]", "foo[5m:1]", "foo[5m:0s]", "foo[5m:]", "(foo)[5m]", "(foo)[5m:]", "foo[5m][10m:]", "rate(foo[5m])[1h:1m]",
        "foo offset 1m [5m]", "foo @ 10 [5m]", "foo[5m] offset 1m @ 10", "foo @ start() offset 5m", "foo @ end() @ 1",
        "sum(foo) offset 5m", "rate(foo[5m]) @ start()", "foo @ Inf", "foo @ -12.5",
        "{}", "{a=\"\"}", "{a=~\".*\"}", "{a=~\".+\"}", "foo{}", "{__name__=\"foo\"}", "foo{__name__=\"bar\"}",
        "foo{a=\"b\",}", "foo{,}", "foo{a=\"b\" c=\"d\"}", "foo{a=~\"(\"}", "foo{a=b}", "foo{1a=\"b\"}", "foo{offset=\"x\", sum!~'y'}",
        "\"a\\\"b\"", "'a\\'b'", "'a\\\"b'", "\"a\\'b\"", "\"\\x41\\u00e9\\U0001F600\\101\"", "\"\\xZZ\"", "\"\\ud800\"", "`raw\\n`",
        "\"line\nbreak\"", "`multi\nline`",
        "1 == 1", "1 == bool 1", "foo == bool 1", "foo + bool bar", "foo or bool bar", "\"a\" + 1", "foo[5m] + 1", "-\"a\"", "-foo[5m]",
        "1 and 1", "foo and 1", "foo and on(a) group_left bar", "foo + on(a) group_left(a) bar", "foo + ignoring(a) group_left(a) bar",
        "1 + on(a) foo", "1 + on() foo", "foo + group_left bar", "foo * on(a) group_right(b,) bar", "foo / ignoring() bar",
        "-2 ^ -2 ^ 2", "2 ^ 3 ^ 2 * -1 + 4 % 3 atan2 foo > bool 1 unless bar or baz",
        "sum by", "sum(foo) by", "sum without () (foo)", "sum(foo) without (a) by (b)", "sum(foo) by (a:b)", "sum(foo) by (on, bool, offset, group_left)",
        "sum()", "sum(foo, bar)", "topk(foo)", "topk(foo, bar)", "topk(3, foo) by (a)", "count_values(5, foo)", "count_values(\"x\", foo)",
        "quantile(0.9, rate(foo[5m]))", "group without (a) (foo)", "stddev(foo[5m])",
        "rate(foo)", "rate(foo[5m],)", "time()", "time(foo)", "pi()", "vector(1)", "vector(foo)", "scalar(foo)", "round(foo)", "round(foo, 1, 2)",
        "label_join(foo, \"a\", \",\")", "label_join(foo, \"a\", \",\", \"b\", \"c\")", "label_join(foo, \"a\")",
        "label_replace(foo, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace(foo, \"a\", \"$1\", \"b\")",
        "histogram_quantile(0.9, sum by (le) (rate(foo_bucket[5m])))", "histogram_fraction(0, 1, foo)", "histogram_count(foo)",
        "holt_winters(foo[5m], 0.5, 0.5)", "mad_over_time(foo[5m])", "sort_by_label(foo)", "day_of_year()", "days_in_month(foo, foo)",
        "absent_over_time(foo[5m])", "quantile_over_time(0.5, foo[5m])", "predict_linear(foo[5m], 3600)", "clamp(foo, 0, 1)",
        "foo:bar()", "foo:bar{a=\"b\"}", "nonexistent(foo)", "foo # a comment", "(foo", "foo)", "foo]", "foo}", "foo[5m", "sum(foo",
        "", "   ", "foo bar", "foo + ", "* 1", "foo == = bar", "foo !~ bar", "foo @", "foo offset", "foo offset 5",
        "sum(foo) by ()", "-sum(foo)", "1 - -1", "- - -foo", "+\"a\"", "count_values by (a) (\"x\", foo)", "foo * on(a) group_left() bar",
        "foo{a=\"\\\\\"}", "föö", "foo{a=\"b\"}{c=\"d\"}", "{a=\"b\"}[5m]", "{a=\"b\"}[5m:]", "foo @ 1 offset 1m [5m:]",
        "foo[1h:5m] offset 5m @ 100", "1 @ 5", "(foo) offset 5m", "(foo)@5", "foo offset 5m @ 10 offset 1m", "1_000", "0x1p3",
        "foo[5M]", "foo[5m5s]", "foo[5s5m]", "foo[1d1h]", "foo[1w1y]", "foo[-5m]", "foo offset - 5m", "foo[5m] @ start() [1m:]",
        "sum by (a) (foo) by (b)", "topk(3, foo) without (a)", "quantile by (le) (0.5, foo)", "absent(nonexistent)",
        "foo ^ bar ^ baz", "foo < = bar", "foo <= bar", "foo >= bool 1", "foo and bool bar", "foo unless on(a) group_right bar",
        "foo + on (a, b,) bar", "foo + on (a b) bar", "foo + ignoring bar", "1 + time()", "time() == bool pi()", "time() > pi()",
        "vector(time()) > on() vector(1)", "scalar(foo) and scalar(bar)", "\"a\" == \"b\"", "sum(\"a\")", "rate(\"a\")",
        "label_replace(foo, \"a\", \"b\", \"c\", \"(\")", "round(foo, 0.1)", "clamp_max(foo)", "timestamp(foo offset 5m)",
        "histogram_quantile(0.5, foo) by (a)", "days_in_month()", "year(foo)", "holt_winters(foo, 0.5, 0.5)",
        "foo{a=\"é\"} bar", "\"日本\" + \n  \"x\" $",         "floor(rate(foo), 1)", "rate(foo) + rate(bar)", "1 == 1 and 2 == 2", "topk(foo, rate(bar))", "-rate(foo)[5m:]",
        "sum(rate(foo)) by (a) + 1 == 1", "1 + on(a) group_left(a) foo",         "foo bar $", "sum(foo) by (a) } ", "foo + (bar", "foo{a=\"b\"} 1 {", "rate(foo[5m]) $",
    ];

    // Where the wording cannot match: .NET's regular expression engine words its errors differently from Go's RE2,
    // and promtool checks an empty rule expression before parsing it.
    private static readonly HashSet<string> s_wordingDiffers = ["foo{a=~\"(\"}", ""];

    [Fact]
    public async Task Functions_EverySignature_AgreesWithPromtool()
    {
        // Each function called with the argument types of its signature (plus one more variadic argument where
        // allowed), then with each argument swapped for a wrong type, then with too few arguments; promtool and our
        // parser must agree on every call, which checks the table's names, types and arities against Prometheus.
        var queries = new List<string>();
        foreach (var function in PromqlFunctions.All)
        {
            var args = function.ArgTypes.Select(Sample).ToList();
            queries.Add(Call(function.Name, args));
            if (function.Variadic != 0)
            {
                queries.Add(Call(function.Name, [.. args, Sample(function.ArgTypes[^1])]));
            }

            for (var i = 0; i < args.Count; i++)
            {
                var wrong = args.ToList();
                wrong[i] = function.ArgTypes[i] == PromqlValueType.Vector ? "foo[5m]" : "foo";
                queries.Add(Call(function.Name, wrong));
            }

            if (args.Count > 0)
            {
                queries.Add(Call(function.Name, args.Take(args.Count - 1)));
            }
        }

        foreach (var later in (string[])["mad_over_time(foo[5m])", "sort_by_label(foo)", "histogram_stddev(foo)", "limitk(1, foo)"])
        {
            queries.Add(later);
        }

        await AssertAgreementAsync([.. queries], checkWording: true);
    }

    private static string Sample(PromqlValueType type) => type switch
    {
        PromqlValueType.Scalar => "1",
        PromqlValueType.Matrix => "foo[5m]",
        PromqlValueType.String => "\"a\"",
        _ => "foo",
    };

    private static string Call(string name, IEnumerable<string> args) => $"{name}({string.Join(", ", args)})";

    [Fact]
    public async Task Parse_TrickyQueries_AcceptsExactlyWhatPromtoolAccepts()
    {
        await AssertAgreementAsync(s_queries, checkWording: true);
    }

    private async Task AssertAgreementAsync(string[] queries, bool checkWording)
    {
        var rejectedByPromtool = await PromtoolRejectionsAsync(queries);
        var disagreements = new List<string>();
        for (var i = 0; i < queries.Length; i++)
        {
            string? ours = null;
            try
            {
                PromqlParser.Parse(queries[i]);
            }
            catch (PromqlParseException ex)
            {
                ours = ex.Message;
            }

            var theirs = rejectedByPromtool.GetValueOrDefault(i);
            output.WriteLine($"{queries[i]}\n    promtool: {theirs ?? "ok"}\n    ours:     {ours ?? "ok"}");
            var sameWording = !checkWording || theirs is null || s_wordingDiffers.Contains(queries[i])
                || theirs == "could not parse expression: " + ours;
            if ((ours is null) != (theirs is null) || !sameWording)
            {
                disagreements.Add($"{queries[i]}: promtool {theirs ?? "accepts"}; we {ours ?? "accept"}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    /// <summary>Rule index → promtool's parse error, for every query promtool rejects.</summary>
    private static async Task<Dictionary<int, string>> PromtoolRejectionsAsync(string[] queries)
    {
        var directory = Directory.CreateTempSubdirectory("promql-oracle-");
        try
        {
            var rules = new StringBuilder("groups:\n- name: oracle\n  rules:\n");
            for (var i = 0; i < queries.Length; i++)
            {
                rules.Append("  - record: rule_").Append(i).Append("\n    expr: ").Append(YamlQuote(queries[i])).Append('\n');
            }

            var file = Path.Combine(directory.FullName, "rules.yml");
            await File.WriteAllTextAsync(file, rules.ToString());
            var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["check", "rules", file], s_timeout);
            var rejections = new Dictionary<int, string>();
            foreach (Match match in RuleError().Matches(stdout + stderr))
            {
                rejections[int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)] = match.Groups["error"].Value;
            }

            // Guards against a promtool that fails for another reason (missing binary, bad YAML) looking like agreement.
            Assert.True(exitCode == (rejections.Count > 0 ? 1 : 0), $"promtool exited {exitCode}:\n{stdout}{stderr}");
            Assert.NotEmpty(rejections);
            return rejections;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // A YAML double-quoted scalar keeps every character, line breaks included, through \-escapes.
    private static string YamlQuote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex("""rule \d+, "rule_(?<index>\d+)": (?<error>[^\n]*)""")]
    private static partial Regex RuleError();
}
