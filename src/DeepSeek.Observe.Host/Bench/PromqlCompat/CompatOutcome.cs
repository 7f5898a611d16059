namespace DeepSeek.Observe.Host.Bench.PromqlCompat;

/// <summary>One query under one evaluation: passed, or why not.</summary>
internal sealed record CompatOutcome(CompatQuery Query, CompatEvaluation Evaluation, string? Reason)
{
    public bool Passed => Reason is null;

    public override string ToString() => Passed
        ? $"PASS {Query.Line} {Evaluation} {Query.Text}"
        : $"FAIL {Query.Line} {Evaluation} {Query.Text}: {Reason}";
}
