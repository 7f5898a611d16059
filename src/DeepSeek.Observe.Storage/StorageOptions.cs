using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>Directory of the embedded store (and of local state in every mode). <c>--data</c>, <c>OBSERVE_DATA</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// Npgsql connection string. When set, PostgreSQL is the store; when empty, the embedded store is.
    /// <c>--postgres</c>, <c>OBSERVE_POSTGRES</c>.
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>How long start-up keeps retrying to reach PostgreSQL and apply migrations before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The store these options select.</summary>
    public StoreKind Kind => string.IsNullOrWhiteSpace(Postgres) ? StoreKind.Embedded : StoreKind.PostgreSql;
}
