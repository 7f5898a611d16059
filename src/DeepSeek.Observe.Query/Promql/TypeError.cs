namespace DeepSeek.Observe.Query.Promql;

/// <summary>A type error found while building a node: where and what.</summary>
internal readonly record struct TypeError(int Position, string Message);
