namespace DeepSeek.Observe.Core.Series;

/// <summary>Why a store refused a write. Decides the HTTP status a receiver answers with.</summary>
public enum AppendRejection
{
    /// <summary>A sample is older than the series' newest one (Prometheus: "out of order sample"). Not retryable.</summary>
    OutOfOrder,

    /// <summary>A sample repeats the newest timestamp with another value. Not retryable.</summary>
    DuplicateTimestamp,

    /// <summary>A configured limit (label count, label length, active series) would be exceeded. Not retryable.</summary>
    LimitExceeded,

    /// <summary>The store is saturated; retry later (429/503 with Retry-After).</summary>
    Overloaded,

    /// <summary>The store cannot write at all (disk error, database down); retry later.</summary>
    Unavailable,
}
