using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>
/// Invalid queries fail with Prometheus's positioned message (line:column: parse error: ...); the wording of the
/// cases also in <see cref="PromtoolOracleTests"/> is checked against promtool there.
/// </summary>
public class PromqlParserErrorTests
{
    [Theory]
    // Lexical errors.
    [InlineData("foo{", "1:5: parse error: unexpected end of input inside braces")]
    [InlineData("foo{a=\"b\"", "1:10: parse error: unexpected end of input inside braces")]
    [InlineData("(foo", "1:5: parse error: unclosed left parenthesis")]
    [InlineData("((foo)", "1:7: parse error: unclosed left parenthesis")]
    [InlineData("foo)", "1:5: parse error: unexpected right parenthesis ')'")]
    [InlineData("foo[5m", "1:7: parse error: unclosed left bracket")]
    [InlineData("foo]", "1:4: parse error: unexpected right bracket ']'")]
    [InlineData("foo[5]", "1:5: parse error: missing unit character in duration")]
    [InlineData("foo[5x]", "1:5: parse error: bad duration syntax: \"5\"")]
    [InlineData("foo[[5m]]", "1:5: parse error: missing unit character in duration")]
    [InlineData("foo}", "1:4: parse error: unexpected character: '}'")]
    [InlineData("foo $ bar", "1:5: parse error: unexpected character: '$'")]
    [InlineData("foo{a~\"b\"}", "1:6: parse error: unexpected character inside braces: '~'")]
    [InlineData("foo{a!\"b\"}", "1:6: parse error: unexpected character after '!' inside braces: '\"'")]
    [InlineData("foo{{}", "1:5: parse error: unexpected left brace '{'")]
    [InlineData("foo =~ bar", "1:5: parse error: unexpected character after '=': '~'")]
    [InlineData("\"abc", "1:1: parse error: unterminated quoted string")]
    [InlineData("`abc", "1:1: parse error: unterminated raw string")]
    [InlineData("\"a\\qb\"", "1:1: parse error: unknown escape sequence U+0071 'q'")]
    [InlineData("\"a\\x4\"", "1:1: parse error: illegal character U+0022 '\"' in escape sequence")]
    [InlineData("\"\\400\"", "1:1: parse error: escape sequence is an invalid Unicode code point")]
    [InlineData("\"\\U00110000\"", "1:1: parse error: escape sequence is an invalid Unicode code point")]
    [InlineData("1x", "1:1: parse error: bad number or duration syntax: \"1\"")]
    [InlineData("5mx", "1:1: parse error: bad number or duration syntax: \"5mx\"")]
    [InlineData("foo\n  + bar{", "2:9: parse error: unexpected end of input inside braces")]
    // Syntax errors.
    [InlineData("", "1:1: parse error: no expression found in input")]
    [InlineData("# only a comment", "1:1: parse error: no expression found in input")]
    [InlineData("foo +", "1:6: parse error: unexpected end of input")]
    [InlineData("foo bar", "1:5: parse error: unexpected identifier \"bar\"")]
    [InlineData("foo 1", "1:5: parse error: unexpected number \"1\"")]
    [InlineData("foo \"a long string value\"", "1:5: parse error: unexpected string \"\\\"a long st\"...")]
    [InlineData("5m", "1:1: parse error: unexpected duration \"5m\"")]
    [InlineData("foo{a=b}", "1:7: parse error: unexpected identifier \"b\" in label matching, expected string")]
    [InlineData("foo{=\"b\"}", "1:5: parse error: unexpected \"=\" in label matching, expected identifier or \"}\"")]
    [InlineData("foo{a \"b\"}", "1:7: parse error: unexpected string \"\\\"b\\\"\" in label matching, expected label matching operator")]
    [InlineData("sum(foo) by (\"a\")", "1:14: parse error: unexpected string \"\\\"a\\\"\" in grouping opts, expected label")]
    [InlineData("sum(foo) by (a b)", "1:16: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"")]
    [InlineData("sum foo", "1:5: parse error: unexpected identifier \"foo\"")]
    [InlineData("sum by (a) foo", "1:12: parse error: unexpected identifier \"foo\" in aggregation")]
    [InlineData("rate(foo[5m] foo)", "1:14: parse error: unexpected identifier \"foo\"")]
    [InlineData("foo[5m 1m]", "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"")]
    [InlineData("foo @ start(", "1:13: parse error: unclosed left parenthesis")]
    [InlineData("foo @ start", "1:12: parse error: unexpected end of input in @, expected timestamp")]
    [InlineData("foo + on(a) ignoring(b) bar", "1:13: parse error: unexpected <ignoring>")]
    [InlineData("foo + bool", "1:11: parse error: unexpected end of input")]
    [InlineData("foo{a=~\"(\"}", "1:5: parse error: invalid regular expression \"(\" for label a")]
    [InlineData("foo[5y1y]", "1:5: parse error: bad duration syntax: \"5y1\"")]
    [InlineData("foo[5m5m]", "1:5: parse error: not a valid duration string: \"5m5m\"")]
    [InlineData("foo offset 999999999999y", "1:12: parse error: duration out of range")]
    [InlineData("foo @ 1e300", "1:1: parse error: timestamp out of bounds for @ modifier: ")]
    // Type errors.
    [InlineData("rate(foo)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("abs(foo[5m])", "1:5: parse error: expected type instant vector in call to function \"abs\", got range vector")]
    [InlineData("label_replace(foo, 1, \"a\", \"b\", \"c\")", "1:20: parse error: expected type string in call to function \"label_replace\", got scalar")]
    [InlineData("histogram_quantile(foo, bar)", "1:20: parse error: expected type scalar in call to function \"histogram_quantile\", got instant vector")]
    [InlineData("floor()", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0")]
    [InlineData("hour(foo, foo, foo)", "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3")]
    [InlineData("label_join(foo)", "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1")]
    [InlineData("label_join(foo, \"a\", \",\", 1)", "1:27: parse error: expected type string in call to function \"label_join\", got scalar")]
    [InlineData("Rate(foo[5m])", "1:1: parse error: unknown function with name \"Rate\"")]
    [InlineData("quantile(foo, bar)", "1:10: parse error: expected type scalar in aggregation parameter, got instant vector")]
    [InlineData("sum(1)", "1:5: parse error: expected type instant vector in aggregation expression, got scalar")]
    [InlineData("foo + \"a\"", "1:7: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("foo and on(a) group_right(b) bar", "1:1: parse error: no grouping allowed for \"and\" operation")]
    [InlineData("1 unless foo", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression")]
    [InlineData("foo == ignoring(a) 1", "1:1: parse error: vector matching only allowed between instant vectors")]
    [InlineData("1 > 2", "1:3: parse error: comparisons between scalars must use BOOL modifier")]
    [InlineData("foo * bool bar", "1:5: parse error: bool modifier can only be used on comparison operators")]
    [InlineData("\"a\"[5m:]", "1:1: parse error: subquery is only allowed on instant vector, got string instead")]
    [InlineData("time()[5m:]", "1:1: parse error: subquery is only allowed on instant vector, got scalar instead")]
    [InlineData("rate(foo[5m]) offset 1m", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")]
    [InlineData("foo[5m:] offset 1m offset 1m", "1:1: parse error: offset may not be set multiple times")]
    [InlineData("foo[5m] @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times")]
    [InlineData("sum(foo)[5m]", "1:9: parse error: ranges only allowed for vector selectors")]
    [InlineData("{job=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("{job!=\"x\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("foo{__name__=~\"b.*\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"b.*\"")]
    [InlineData("-{__name__=\"\"}", "1:2: parse error: vector selector must contain at least one non-empty matcher")]
    public void Parse_InvalidQuery_FailsWithPositionedMessage(string query, string expected)
    {
        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 1 && error.Column >= 1, error.Message);
    }

    [Fact]
    public void Parse_SyntaxErrorAfterTypeError_ReportsSyntaxError()
    {
        // Prometheus type-checks only queries that parse, so the later syntax error wins.
        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse("rate(foo) + (bar"));

        Assert.Equal("1:17: parse error: unclosed left parenthesis", error.Message);
    }

    [Fact]
    public void Parse_TooLongQuery_FailsWithoutParsing()
    {
        var query = "foo" + new string(' ', PromqlParser.MaxQueryLength);

        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));

        Assert.Contains("more than the limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-(", ")")]
    [InlineData("abs(", ")")]
    [InlineData("sum(", ")")]
    [InlineData("foo + (", ")")]
    public void Parse_DeepNesting_FailsWithParseError(string open, string close)
    {
        var depth = 5_000;
        var query = string.Concat(Enumerable.Repeat(open, depth)) + "foo" + string.Concat(Enumerable.Repeat(close, depth));

        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));

        Assert.Contains($"nested more than {PromqlParser.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" + ")]
    [InlineData(" or ")]
    [InlineData(" ^ ")]
    public void Parse_LongOperatorChain_IsBoundedToo(string op)
    {
        var query = string.Join(op, Enumerable.Repeat("foo", 5_000));

        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(query));

        Assert.Contains("levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongSignChain_DoesNotOverflow()
    {
        var error = Assert.Throws<PromqlParseException>(() => PromqlParser.Parse(new string('-', 30_000) + "1"));

        Assert.Contains("levels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abs(", "foo", ")")]
    [InlineData("", "foo", " + foo")]
    [InlineData("", "foo", " ^ foo")]
    [InlineData("(", "foo", ")")]
    public void Parse_DeepestAcceptedTree_ParsesAndPrintsOnSmallStack(string prefix, string core, string suffix)
    {
        // The deepest query accepted must still parse, type-check and print on a 1 MiB stack (ASP.NET threads have more).
        var levels = PromqlParser.MaxDepth - 1;
        var query = string.Concat(Enumerable.Repeat(prefix, levels)) + core + string.Concat(Enumerable.Repeat(suffix, levels));
        string? printed = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    printed = PromqlParser.Parse(query).ToString();
                }
                catch (PromqlParseException ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.Equal(query, printed);
    }
}
