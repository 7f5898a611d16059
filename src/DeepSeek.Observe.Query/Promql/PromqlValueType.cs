namespace DeepSeek.Observe.Query.Promql;

/// <summary>The type a PromQL expression evaluates to.</summary>
public enum PromqlValueType
{
    None,
    Scalar,
    Vector,
    Matrix,
#pragma warning disable CA1720 // Prometheus's name for the type of string literals; nothing clearer exists.
    String,
#pragma warning restore CA1720
}

public static class PromqlValueTypeExtensions
{
    /// <summary>The name Prometheus's documentation and error messages use ("instant vector", "range vector").</summary>
    public static string DocumentedName(this PromqlValueType type) => type switch
    {
        PromqlValueType.Scalar => "scalar",
        PromqlValueType.Vector => "instant vector",
        PromqlValueType.Matrix => "range vector",
        PromqlValueType.String => "string",
        _ => "none",
    };

    /// <summary>The short name Prometheus prints in a few messages (e.g. "got matrix instead").</summary>
    public static string ShortName(this PromqlValueType type) => type switch
    {
        PromqlValueType.Scalar => "scalar",
        PromqlValueType.Vector => "vector",
        PromqlValueType.Matrix => "matrix",
        PromqlValueType.String => "string",
        _ => "none",
    };
}
