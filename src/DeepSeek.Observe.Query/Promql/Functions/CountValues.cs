using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>count_values: each distinct sample value becomes a label value, written as Go's strconv 'f' −1 writes it.</summary>
public static class CountValues
{
    /// <summary>The label value for a sample value: "0.1", "1000000000000000000000", "+Inf", "NaN".</summary>
    public static string FormatValue(double value) => PrometheusFloat.FormatF(value);

    /// <summary>Rejects an output label name Prometheus would reject, with its message.</summary>
    public static void ValidateLabelName(string labelName)
    {
        if (!LabelNames.IsValidLabelName(labelName))
        {
            throw new PromqlFunctionException($"invalid label name \"{labelName}\"");
        }
    }
}
