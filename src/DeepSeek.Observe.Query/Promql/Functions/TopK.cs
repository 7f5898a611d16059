namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// topk and bottomk for one group. Prometheus keeps a k-sized binary heap over the input in order and finally sorts
/// it; which of several equal values survive, and their output order, follow from that exact procedure, so this
/// reproduces 2.42's pop-then-push replacement, Go's container/heap moves and (for up to 12 results, where Go's sort
/// is an insertion sort) its sort. A real Prometheus 2.42 server confirms the order (PrometheusServerOracleTests).
/// Beyond 12 results equal values are kept in heap order, which may differ from Go's pattern-defeating quicksort.
/// </summary>
public static class TopK
{
    /// <summary>
    /// Whether a topk/bottomk parameter yields any output: Prometheus truncates k to an integer and returns nothing
    /// for k &lt; 1. Throws for values that do not fit a 64-bit integer, with Prometheus's message.
    /// </summary>
    public static long ToK(double parameter)
    {
        // ±2^63 bounds; NaN fails both comparisons and is rejected too.
        if (!(parameter >= -9.2233720368547758e18 && parameter < 9.2233720368547758e18))
        {
            throw new PromqlFunctionException($"Scalar value {PrometheusFloat.FormatG(parameter)} overflows int64");
        }

        return (long)parameter;
    }

    /// <summary>
    /// Selects the k largest (<paramref name="bottom"/> false) or smallest values, writing the chosen input indices,
    /// in Prometheus's output order, to <paramref name="selected"/>; returns how many were written.
    /// <paramref name="selected"/> needs min(k, values.Length) slots.
    /// </summary>
    public static int Select(ReadOnlySpan<double> values, long k, bool bottom, Span<int> selected)
    {
        if (k < 1 || values.IsEmpty)
        {
            return 0;
        }

        var capacity = (int)Math.Min(k, values.Length);
        var heap = selected[..capacity];
        var size = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (size < capacity)
            {
                Push(heap, values, ref size, i, bottom);
            }
            else if (Replaces(values[heap[0]], v, bottom))
            {
                if (capacity == 1)
                {
                    heap[0] = i;
                }
                else
                {
                    // 2.42 pops the root and pushes the newcomer (not an in-place fix): the ties it keeps depend on it.
                    Pop(heap, values, ref size, bottom);
                    Push(heap, values, ref size, i, bottom);
                }
            }
        }

        // Prometheus sorts the heap in reverse heap order (largest first for topk); n ≤ 12 is Go's insertion sort.
        for (var i = 1; i < size; i++)
        {
            for (var j = i; j > 0 && Less(values, heap[j - 1], heap[j], bottom); j--)
            {
                (heap[j], heap[j - 1]) = (heap[j - 1], heap[j]);
            }
        }

        return size;
    }

    /// <summary>Whether <paramref name="candidate"/> evicts the heap's root (the current weakest member); a NaN root always goes.</summary>
    private static bool Replaces(double root, double candidate, bool bottom) =>
        (bottom ? root > candidate : root < candidate) || double.IsNaN(root);

    /// <summary>The heap order of 2.42: a NaN is less than anything (even another NaN), else by value (reversed for bottomk).</summary>
    private static bool Less(ReadOnlySpan<double> values, int a, int b, bool bottom)
    {
        var x = values[a];
        if (double.IsNaN(x))
        {
            return true;
        }

        return bottom ? x > values[b] : x < values[b];
    }

    // Go's container/heap Push: append, then sift up.
    private static void Push(Span<int> heap, ReadOnlySpan<double> values, ref int size, int index, bool bottom)
    {
        heap[size] = index;
        Up(heap, values, size, bottom);
        size++;
    }

    // Go's container/heap Pop: swap the root with the last element, sift the new root down, drop the last.
    private static void Pop(Span<int> heap, ReadOnlySpan<double> values, ref int size, bool bottom)
    {
        var last = size - 1;
        (heap[0], heap[last]) = (heap[last], heap[0]);
        Down(heap, values, 0, last, bottom);
        size = last;
    }

    private static void Up(Span<int> heap, ReadOnlySpan<double> values, int j, bool bottom)
    {
        while (j > 0)
        {
            var parent = (j - 1) / 2;
            if (!Less(values, heap[j], heap[parent], bottom))
            {
                break;
            }

            (heap[parent], heap[j]) = (heap[j], heap[parent]);
            j = parent;
        }
    }

    private static void Down(Span<int> heap, ReadOnlySpan<double> values, int i0, int n, bool bottom)
    {
        var i = i0;
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= n)
            {
                break;
            }

            var child = left;
            if (left + 1 < n && Less(values, heap[left + 1], heap[left], bottom))
            {
                child = left + 1;
            }

            if (!Less(values, heap[child], heap[i], bottom))
            {
                break;
            }

            (heap[i], heap[child]) = (heap[child], heap[i]);
            i = child;
        }
    }
}
