using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Ast;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>
/// A range query's range functions over a plain selector (<c>rate(x[5m])</c> and the like) are computed series by
/// series for every step at once, as Prometheus does: each series' window slides forward through its samples, which
/// stay in cache, instead of every step visiting every series. The per-step evaluation then reads its column of the
/// table. Only steps on the query's grid use it; subquery steps and instant queries take the per-step path.
/// </summary>
internal sealed partial class Evaluator
{
    // Values kept for one table (series × steps); bigger ones fall back to the per-step path rather than hold memory.
    private const long StepTableLimit = 8_000_000;

    private readonly long _stepMs;
    private readonly Dictionary<MatrixSelector, Dictionary<RangeKernel, StepTable?>> _stepTables = new(ReferenceEqualityComparer.Instance);

    /// <summary>The kernel's vector at <paramref name="t"/> from the series-major table, when <paramref name="t"/> is on the grid.</summary>
    private bool TryStepTable(MatrixSelector ms, RangeKernel kernel, bool keepName, long t, out List<VectorSample> result)
    {
        result = [];
        if (_stepMs <= 0 || t < _queryStartMs || t > _queryEndMs || (t - _queryStartMs) % _stepMs != 0)
        {
            return false;
        }

        if (!_stepTables.TryGetValue(ms, out var byKernel))
        {
            _stepTables[ms] = byKernel = new Dictionary<RangeKernel, StepTable?>(ReferenceEqualityComparer.Instance);
        }

        if (!byKernel.TryGetValue(kernel, out var table))
        {
            byKernel[kernel] = table = BuildStepTable(ms, kernel);
        }

        if (table is null)
        {
            return false;
        }

        var step = (int)((t - _queryStartMs) / _stepMs);
        result = table.At(step, t, keepName ? table.Labels : table.LabelsWithoutName(DropName));
        return true;
    }

    private StepTable? BuildStepTable(MatrixSelector ms, RangeKernel kernel)
    {
        var steps = ((_queryEndMs - _queryStartMs) / _stepMs) + 1;
        var loaded = Series(ms.Selector);
        if (loaded.Count * steps > StepTableLimit)
        {
            return null;
        }

        var table = new StepTable(loaded, (int)steps);
        for (var s = 0; s < loaded.Count; s++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var samples = loaded[s].Clean;
            int first = 0, next = 0;
            for (var k = 0; k < steps; k++)
            {
                var t = _queryStartMs + (k * _stepMs);
                var end = SelectorWindows.Resolve(ms.Selector.At, t, _queryStartMs, _queryEndMs) - ms.Selector.OffsetMs;
                var window = new RangeWindow(end - ms.RangeMs, end);
                // Windows only move forward with t (an @ modifier pins them), so both edges advance monotonically.
                while (next < samples.Length && samples[next].TimestampMs <= window.EndMs)
                {
                    next++;
                }

                while (first < next && samples[first].TimestampMs < window.StartMs)
                {
                    first++;
                }

                if (next > first && kernel(samples.AsSpan(first, next - first), window, t) is { } value)
                {
                    table.Set(k, s, value);
                }
            }
        }

        return table;
    }

    /// <summary>One range function's values for every (step, series), step-major so a step reads one row.</summary>
    private sealed class StepTable(List<LoadedSeries> series, int steps)
    {
        private readonly double[] _values = new double[(long)series.Count * steps];
        private readonly bool[] _present = new bool[(long)series.Count * steps];
        private LabelSet[]? _withoutName;

        public LabelSet[] Labels { get; } = series.ConvertAll(s => s.Labels).ToArray();

        public LabelSet[] LabelsWithoutName(Func<LabelSet, LabelSet> dropName) => _withoutName ??= Array.ConvertAll(Labels, l => dropName(l));

        public void Set(int step, int series, double value)
        {
            var i = ((long)step * Labels.Length) + series;
            _values[i] = value;
            _present[i] = true;
        }

        public List<VectorSample> At(int step, long t, LabelSet[] labels)
        {
            var result = new List<VectorSample>(labels.Length);
            var row = (long)step * labels.Length;
            for (var s = 0; s < labels.Length; s++)
            {
                if (_present[row + s])
                {
                    result.Add(new VectorSample(labels[s], _values[row + s], t));
                }
            }

            return result;
        }
    }
}
