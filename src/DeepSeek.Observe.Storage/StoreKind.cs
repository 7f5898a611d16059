namespace DeepSeek.Observe.Storage;

/// <summary>Which store backs the platform.</summary>
public enum StoreKind
{
    /// <summary>Local files under the data directory; nothing to install.</summary>
    Embedded,

    /// <summary>PostgreSQL through EF Core (relational model) and binary COPY (samples).</summary>
    PostgreSql,
}
