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

    /// <summary>Writes accepted but not yet durable; past this, writers wait and then get 429 (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int MaxPendingWrites { get; set; } = 1024;

    /// <summary>How long a write waits for room among <see cref="MaxPendingWrites"/> before it is refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PendingWriteWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap on distinct series (active-series limit); a write that would pass it is refused.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSeries { get; set; } = 5_000_000;

    /// <summary>Size at which the write-ahead log starts a new segment file.</summary>
    [Range(1L << 20, 1L << 32)]
    public long WalSegmentBytes { get; set; } = 128L << 20;

    /// <summary>How long samples are kept (<c>--retention</c>); older chunks and series that stopped before then are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "36500.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(15);

    /// <summary>WAL bytes written since the last checkpoint that trigger the next one (which lets them be deleted).</summary>
    [Range(1L << 16, 1L << 34)]
    public long CheckpointWalBytes { get; set; } = 64L << 20;

    /// <summary>Age after which any WAL bytes written since the last checkpoint trigger the next one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a clean shutdown writes a checkpoint (so the WAL is empty and the next start quick). Off, a shutdown
    /// leaves the disk as a crash would, which recovery tests rely on.
    /// </summary>
    public bool CheckpointOnShutdown { get; set; } = true;

    /// <summary>Sealed chunks not yet persisted (PostgreSQL unreachable) past which writes are refused with 503.</summary>
    [Range(1L << 20, 1L << 40)]
    public long MaxPendingChunkBytes { get; set; } = 256L << 20;

    /// <summary>Size at which a chunk file starts a new segment; retention deletes whole segments.</summary>
    [Range(1L << 16, 1L << 32)]
    public long ChunkSegmentBytes { get; set; } = 64L << 20;

    /// <summary>How long log lines are kept; whole log segments whose newest line is older are deleted. <c>Storage:LogRetention</c>.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Size at which the log store starts a new segment file; retention deletes whole segments, so smaller ones free space sooner.</summary>
    [Range(1L << 16, 1L << 32)]
    public long LogSegmentBytes { get; set; } = 64L << 20;

    /// <summary>Cap on distinct log streams; a write that would pass it is refused (400), as for <see cref="MaxSeries"/>.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLogStreams { get; set; } = 1_000_000;

    /// <summary>
    /// Cap on metric families whose metadata (type, help, unit) is kept in memory for <c>/api/v1/metadata</c>; past it,
    /// metadata of new families is dropped and counted (<c>observe_metadata_dropped_total</c>), never refused.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxMetadataFamilies { get; set; } = 100_000;

    /// <summary>
    /// Distinct (type, help, unit) entries kept per family (targets can disagree); past it, the one seen least recently
    /// makes room, so metadata that changed ages out.
    /// </summary>
    [Range(1, 1000)]
    public int MaxMetadataPerFamily { get; set; } = 8;

    /// <summary>The store these options select.</summary>
    public StoreKind Kind => string.IsNullOrWhiteSpace(Postgres) ? StoreKind.Embedded : StoreKind.PostgreSql;
}
