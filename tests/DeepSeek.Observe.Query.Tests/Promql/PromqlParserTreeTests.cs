using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Tests.Promql;

/// <summary>The tree carries what evaluation needs: matchers, times in milliseconds, value types, matching rules.</summary>
public class PromqlParserTreeTests
{
    [Fact]
    public void Parse_Selector_HasNameMatcherFirstThenLabelMatchers()
    {
        var selector = Assert.IsType<VectorSelector>(PromqlParser.Parse("DCGM_FI_DEV_GPU_UTIL{Hostname=~\"node-1.*\", gpu!=\"0\"}"));

        Assert.Equal("DCGM_FI_DEV_GPU_UTIL", selector.Name);
        Assert.Equal(["__name__=\"DCGM_FI_DEV_GPU_UTIL\"", "Hostname=~\"node-1.*\"", "gpu!=\"0\""], selector.Matchers.Select(m => m.ToString()));
        Assert.True(selector.Matchers[1].Matches("node-12"));
        Assert.False(selector.Matchers[1].Matches("xnode-1"));
        Assert.Equal(LabelMatchType.NotEqual, selector.Matchers[2].Type);
        Assert.Equal(PromqlValueType.Vector, selector.Type);
    }

    [Fact]
    public void Parse_OffsetAndAt_AreMilliseconds()
    {
        var matrix = Assert.IsType<MatrixSelector>(PromqlParser.Parse("foo[1h30m] @ 1700000000.123 offset -90s"));

        Assert.Equal(5_400_000, matrix.RangeMs);
        Assert.Equal(-90_000, matrix.Selector.OffsetMs);
        Assert.Equal(new AtModifier(AtKind.Timestamp, 1_700_000_000_123), matrix.Selector.At);
        Assert.Equal(PromqlValueType.Matrix, matrix.Type);
    }

    [Fact]
    public void Parse_Subquery_StepIsOptional()
    {
        var withStep = Assert.IsType<SubqueryExpr>(PromqlParser.Parse("foo[30m:1m] offset 1d @ start()"));
        var withoutStep = Assert.IsType<SubqueryExpr>(PromqlParser.Parse("foo[30m:]"));

        Assert.Equal((1_800_000, 60_000L), (withStep.RangeMs, withStep.StepMs));
        Assert.Equal(86_400_000, withStep.OffsetMs);
        Assert.Same(AtModifier.Start, withStep.At);
        Assert.Null(withoutStep.StepMs);
    }

    [Fact]
    public void Parse_Aggregation_KeepsParameterAndGrouping()
    {
        var topk = Assert.IsType<AggregateExpr>(PromqlParser.Parse("topk without (gpu) (5, foo)"));

        Assert.Equal(AggregationOp.Topk, topk.Op);
        Assert.Equal(5, Assert.IsType<NumberLiteral>(topk.Param).Value);
        Assert.Equal(["gpu"], topk.Grouping);
        Assert.True(topk.Without);
        Assert.IsType<VectorSelector>(topk.Expr);
    }

    [Fact]
    public void Parse_GroupLeft_SetsCardinalityAndIncludedLabels()
    {
        var binary = Assert.IsType<BinaryExpr>(PromqlParser.Parse("a * on (node) group_left (Hostname, pod) b"));

        Assert.Equal(new VectorMatchCardinality?(VectorMatchCardinality.ManyToOne), binary.Matching?.Card);
        Assert.True(binary.Matching!.On);
        Assert.Equal(["node"], binary.Matching.MatchingLabels);
        Assert.Equal(["Hostname", "pod"], binary.Matching.Include);
    }

    [Theory]
    [InlineData("a and b")]
    [InlineData("a or on(x) b")]
    [InlineData("a unless ignoring(x) b")]
    public void Parse_SetOperator_MatchesManyToMany(string query)
    {
        var binary = Assert.IsType<BinaryExpr>(PromqlParser.Parse(query));

        Assert.Equal(VectorMatchCardinality.ManyToMany, binary.Matching!.Card);
    }

    [Theory]
    [InlineData("a + 1")]
    [InlineData("1 - on() a")]
    [InlineData("1 + 2")]
    public void Parse_ScalarOperand_HasNoVectorMatching(string query)
    {
        Assert.Null(Assert.IsType<BinaryExpr>(PromqlParser.Parse(query)).Matching);
    }

    [Theory]
    [InlineData("1 + 2", PromqlValueType.Scalar)]
    [InlineData("1 + foo", PromqlValueType.Vector)]
    [InlineData("time()", PromqlValueType.Scalar)]
    [InlineData("scalar(foo)", PromqlValueType.Scalar)]
    [InlineData("(\"x\")", PromqlValueType.String)]
    [InlineData("rate(foo[5m])", PromqlValueType.Vector)]
    [InlineData("rate(foo[5m])[1h:]", PromqlValueType.Matrix)]
    [InlineData("-foo", PromqlValueType.Vector)]
    [InlineData("count_values(\"v\", foo)", PromqlValueType.Vector)]
    public void Parse_Expression_HasPrometheusValueType(string query, PromqlValueType type)
    {
        Assert.Equal(type, PromqlParser.Parse(query).Type);
    }

    [Fact]
    public void Parse_Call_ResolvesSignature()
    {
        var call = Assert.IsType<FunctionCall>(PromqlParser.Parse("label_join(foo, \"dst\", \"-\", \"a\", \"b\")"));

        Assert.Equal("label_join", call.Function.Name);
        Assert.Equal(5, call.Args.Count);
        Assert.Equal("-", Assert.IsType<StringLiteralExpr>(call.Args[2]).Value);
    }

    [Fact]
    public void Parse_Nodes_KnowTheirPositions()
    {
        var binary = Assert.IsType<BinaryExpr>(PromqlParser.Parse("  foo +\n  sum(bar)"));

        Assert.Equal(2, binary.Position);
        Assert.Equal(10, binary.Rhs.Position);
    }

    [Fact]
    public void Functions_TableMatchesPrometheus242()
    {
        // Prometheus 2.42 defines 70 functions; later releases add more (mad_over_time, sort_by_label, ...).
        Assert.Equal(70, PromqlFunctions.All.Count);
        Assert.True(PromqlFunctions.TryGet("histogram_fraction", out var fraction));
        Assert.Equal([PromqlValueType.Scalar, PromqlValueType.Scalar, PromqlValueType.Vector], fraction.ArgTypes);
        Assert.False(PromqlFunctions.TryGet("mad_over_time", out _));
    }
}
