using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class TopKTests
{
    private static int[] Select(double[] values, long k, bool bottom = false)
    {
        var selected = new int[Math.Min(k, values.Length)];
        return selected[..TopK.Select(values, k, bottom, selected)];
    }

    [Fact]
    public void TopK_OrderedLargestFirst()
    {
        Assert.Equal([3, 1], Select([5, 9, 1, 12], 2));
        Assert.Equal([2, 0], Select([5, 9, 1, 12], 2, bottom: true));
    }

    [Fact]
    public void TopK_Ties_FollowGoHeap()
    {
        // The second 9 evicts the root 5 by pop-then-push: the pop moves the first 9 to the root and the push
        // appends the second after it; the final insertion sort keeps equal values in heap order.
        Assert.Equal([1, 2], Select([5, 9, 9, 1], 2));
        // Checked against a Prometheus 2.42 server: topk(3) of these is 06 05 09.
        Assert.Equal([6, 5, 9], Select([5, 5, 5, 1, 1, 9, 9, 5, 1, 9, 5, 5, 9, 1], 3));
        // An equal value never evicts the root: the first 1 is kept.
        Assert.Equal([1], Select([3, 1, 1], 1, bottom: true));
    }

    [Fact]
    public void TopK_NaNEvictedFirst()
    {
        Assert.Equal([2, 1], Select([double.NaN, 1, 2], 2));
        Assert.Equal([0], Select([double.NaN], 1));
    }

    [Fact]
    public void TopK_KBelowOneOrEmpty_Nothing()
    {
        Assert.Empty(Select([1, 2], 0));
        Assert.Empty(Select([], 3));
        Assert.Equal([1, 0], Select([1, 2], 100));
    }

    [Fact]
    public void ToK_TruncatesAndRejectsOverflow()
    {
        Assert.Equal(2, TopK.ToK(2.9));
        Assert.Equal(0, TopK.ToK(0.5));
        var error = Assert.Throws<PromqlFunctionException>(() => TopK.ToK(1e19));
        Assert.Equal("Scalar value 1e+19 overflows int64", error.Message);
        Assert.Throws<PromqlFunctionException>(() => TopK.ToK(double.NaN));
    }
}
