using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>One element of an instant vector: a series' labels, value and the time it is reported at.</summary>
public readonly record struct VectorSample(LabelSet Labels, double Value, long TimestampMs);

/// <summary>One series of a range vector or range-query result: labels and points in time order.</summary>
public sealed record SeriesPoints(LabelSet Labels, IReadOnlyList<Sample> Points);

/// <summary>What evaluating an expression yields; <see cref="PromqlValueType"/> says which member is set.</summary>
public sealed class PromqlValue
{
    private PromqlValue(PromqlValueType type) => Type = type;

    public PromqlValueType Type { get; }

    public double Scalar { get; private init; }

    public string? Text { get; private init; }

    public List<VectorSample> Vector { get; private init; } = [];

    public List<SeriesPoints> Matrix { get; private init; } = [];

    public static PromqlValue OfScalar(double value) => new(PromqlValueType.Scalar) { Scalar = value };

    public static PromqlValue OfString(string text) => new(PromqlValueType.String) { Text = text };

    public static PromqlValue OfVector(List<VectorSample> vector) => new(PromqlValueType.Vector) { Vector = vector };

    public static PromqlValue OfMatrix(List<SeriesPoints> matrix) => new(PromqlValueType.Matrix) { Matrix = matrix };
}
