using DeepSeek.Observe.Host.Bench.PromqlCompat;

namespace DeepSeek.Observe.Host.Tests.PromqlCompat;

public class CompatComparerTests
{
    private const string A = "{\"__name__\":\"m\",\"instance\":\"a\"}";
    private const string B = "{\"__name__\":\"m\",\"instance\":\"b\"}";

    [Fact]
    public void Compare_SameVectorDifferentOrderAndLabelOrder_Matches()
    {
        var expected = Vector((A, "1"), (B, "2"));
        var actual = Vector(("{\"instance\":\"b\",\"__name__\":\"m\"}", "2"), (A, "1"));

        Assert.Null(CompatComparer.Compare(expected, actual, ordered: false));
    }

    [Fact]
    public void Compare_OrderedAndOrderDiffers_ReportsOrder()
    {
        var reason = CompatComparer.Compare(Vector((A, "1"), (B, "2")), Vector((B, "2"), (A, "1")), ordered: true);

        Assert.StartsWith("order differs", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OrderedAndSameOrder_Matches() =>
        Assert.Null(CompatComparer.Compare(Vector((A, "1"), (B, "2")), Vector((A, "1"), (B, "2")), ordered: true));

    [Fact]
    public void Compare_MissingAndExtraSeries_NamesThem()
    {
        var reason = CompatComparer.Compare(Vector((A, "1"), (B, "2")), Vector((A, "1"), ("{\"__name__\":\"m\",\"instance\":\"c\"}", "2")), ordered: false);

        Assert.Equal("2 series expected, 2 returned; missing {__name__=\"m\", instance=\"b\"}; extra {__name__=\"m\", instance=\"c\"}", reason);
    }

    [Fact]
    public void Compare_ExtraLabelOnOneSeries_IsADifferentLabelSet()
    {
        var reason = CompatComparer.Compare(Vector((A, "1")), Vector(("{\"__name__\":\"m\",\"instance\":\"a\",\"job\":\"x\"}", "1")), ordered: false);

        Assert.Contains("missing {__name__=\"m\", instance=\"a\"}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DuplicateLabelSetInActual_Fails()
    {
        var reason = CompatComparer.Compare(Vector((A, "1")), Vector((A, "1"), (A, "1")), ordered: false);

        Assert.Contains("appears 2 times", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "1.0000000009", true)]
    [InlineData("1", "1.000000002", false)]
    [InlineData("123456789", "123456789.1", true)]
    [InlineData("123456789", "123456789.2", false)]
    [InlineData("0", "1e-13", true)]
    [InlineData("0", "1e-11", false)]
    [InlineData("-5", "5", false)]
    [InlineData("1e300", "1.0000000001e300", true)]
    [InlineData("NaN", "NaN", true)]
    [InlineData("NaN", "0", false)]
    [InlineData("0", "NaN", false)]
    [InlineData("+Inf", "+Inf", true)]
    [InlineData("-Inf", "-Inf", true)]
    [InlineData("+Inf", "-Inf", false)]
    [InlineData("+Inf", "1e308", false)]
    [InlineData("NaN", "+Inf", false)]
    public void ValuesEqual_ToleranceNaNAndInfinities(string expected, string actual, bool equal) =>
        Assert.Equal(equal, CompatComparer.ValuesEqual(expected, actual));

    [Fact]
    public void Compare_ValueOutsideTolerance_NamesSeriesTimeAndValues()
    {
        var reason = CompatComparer.Compare(Vector((A, "1")), Vector((A, "1.5")), ordered: false);

        Assert.Equal("{__name__=\"m\", instance=\"a\"}: at t=1700000000 value 1.5, expected 1", reason);
    }

    [Fact]
    public void Compare_TimestampDiffers_Fails()
    {
        var reason = CompatComparer.Compare(Vector((A, "1")), Vector((A, "1")).Replace("1700000000", "1700000015", StringComparison.Ordinal), ordered: false);

        Assert.Contains("point at t=1700000015, expected t=1700000000", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MatrixSameUpToTolerance_Matches()
    {
        var expected = Matrix((A, [(0, "1"), (15, "NaN"), (30, "+Inf")]), (B, [(0, "2")]));
        var actual = Matrix((B, [(0, "2.000000000001")]), (A, [(0, "1"), (15, "NaN"), (30, "+Inf")]));

        Assert.Null(CompatComparer.Compare(expected, actual, ordered: false));
    }

    [Fact]
    public void Compare_MatrixMissingPoint_ReportsWhere()
    {
        var reason = CompatComparer.Compare(Matrix((A, [(0, "1"), (15, "2")])), Matrix((A, [(0, "1")])), ordered: false);

        Assert.Equal("{__name__=\"m\", instance=\"a\"}: 1 points, expected 2 (first missing at t=1700000015)", reason);
    }

    [Fact]
    public void Compare_MatrixPointAtOtherTime_Fails()
    {
        var reason = CompatComparer.Compare(Matrix((A, [(0, "1"), (15, "2")])), Matrix((A, [(0, "1"), (30, "2")])), ordered: false);

        Assert.Contains("point at t=1700000030, expected t=1700000015", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ResultTypeDiffers_Fails()
    {
        var reason = CompatComparer.Compare(Vector(), Matrix(), ordered: false);

        Assert.Equal("resultType matrix, expected vector", reason);
    }

    [Fact]
    public void Compare_ScalarsAndStrings_ComparedByValue()
    {
        Assert.Null(CompatComparer.Compare(Scalar("scalar", "NaN"), Scalar("scalar", "NaN"), ordered: false));
        Assert.NotNull(CompatComparer.Compare(Scalar("scalar", "1"), Scalar("scalar", "2"), ordered: false));
        Assert.Null(CompatComparer.Compare(Scalar("string", "a"), Scalar("string", "a"), ordered: false));
        Assert.NotNull(CompatComparer.Compare(Scalar("string", "a"), Scalar("string", "1"), ordered: false));
    }

    [Fact]
    public void Compare_BothErrorWithSameType_MatchesWhateverTheMessage() =>
        Assert.Null(CompatComparer.Compare(Error("bad_data", "parse error at 1:5"), Error("bad_data", "unexpected token"), ordered: false));

    [Fact]
    public void Compare_ErrorTypesDiffer_Fails()
    {
        var reason = CompatComparer.Compare(Error("bad_data", "x"), Error("execution", "y"), ordered: false);

        Assert.Equal("expected error bad_data (x), got execution: y", reason);
    }

    [Fact]
    public void Compare_ErrorAgainstSuccess_FailsBothWays()
    {
        Assert.Equal("expected error bad_data (x), got success", CompatComparer.Compare(Error("bad_data", "x"), Vector(), ordered: false));
        Assert.Equal("unexpected error internal: boom", CompatComparer.Compare(Vector(), Error("internal", "boom"), ordered: false));
    }

    [Fact]
    public void Compare_ActualNotJson_Fails() =>
        Assert.StartsWith("response is not JSON", CompatComparer.Compare(Vector(), "<html>500</html>", ordered: false), StringComparison.Ordinal);

    [Fact]
    public void Compare_EmptyVectors_Match() => Assert.Null(CompatComparer.Compare(Vector(), Vector(), ordered: true));

    private static string Vector(params (string Metric, string Value)[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + string.Join(",", series.Select(s => $"{{\"metric\":{s.Metric},\"value\":[1700000000,\"{s.Value}\"]}}"))
        + "]}}";

    private static string Matrix(params (string Metric, (int Offset, string Value)[] Points)[] series) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + string.Join(",", series.Select(s => $"{{\"metric\":{s.Metric},\"values\":[{string.Join(",", s.Points.Select(p => $"[{1700000000 + p.Offset},\"{p.Value}\"]"))}]}}"))
        + "]}}";

    private static string Scalar(string type, string value) =>
        $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"{type}\",\"result\":[1700000000.5,\"{value}\"]}}}}";

    private static string Error(string type, string message) =>
        $"{{\"status\":\"error\",\"errorType\":\"{type}\",\"error\":\"{message}\"}}";
}
