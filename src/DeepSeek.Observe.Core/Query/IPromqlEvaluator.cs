using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Core.Query;

/// <summary>
/// PromQL for components other than the query API (rule evaluation, rule unit tests, detectors). The query component
/// implements it; consumers depend only on this, so components never reference each other.
/// </summary>
public interface IPromqlEvaluator
{
    /// <summary>Null when <paramref name="expression"/> parses and type-checks; otherwise Prometheus's error text.</summary>
    string? Validate(string expression);

    /// <summary>
    /// The instant vector of <paramref name="expression"/> at <paramref name="time"/>. A scalar result becomes one
    /// sample with no labels (as Prometheus's rule manager does); a string result or an evaluation failure throws
    /// <see cref="PromqlEvaluationException"/>.
    /// </summary>
    IReadOnlyList<InstantSample> EvaluateInstant(string expression, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>The same engine reading another store (rule unit tests load their series into memory).</summary>
    IPromqlEvaluator WithQuerier(ISeriesQuerier querier);
}

/// <summary>One element of an instant vector.</summary>
public readonly record struct InstantSample(LabelSet Labels, double Value);

/// <summary>An expression that could not be evaluated: bad syntax, a limit, a string result, a store failure.</summary>
public sealed class PromqlEvaluationException : Exception
{
    public PromqlEvaluationException()
    {
    }

    public PromqlEvaluationException(string message)
        : base(message)
    {
    }

    public PromqlEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
