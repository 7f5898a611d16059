using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeepSeek.Observe.Storage.Relational;

internal sealed class SeriesRecordConfiguration : IEntityTypeConfiguration<SeriesRecord>
{
    public void Configure(EntityTypeBuilder<SeriesRecord> builder)
    {
        builder.ToTable("series");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(s => s.Fingerprint).HasColumnName("fingerprint");

        // The identity is a hash rather than the jsonb itself: a unique b-tree entry must fit in a third of a page
        // (about 2.7 kB), and a label set may be up to 64 labels of 4 kB values (Ingest limits). A 64-bit fingerprint
        // alone would merge two series on a collision; SHA-256 makes that practically impossible.
        builder.Property(s => s.LabelsHash).HasColumnName("labels_hash").HasMaxLength(32);
        builder.HasIndex(s => s.LabelsHash).IsUnique().HasDatabaseName("ux_series_labels_hash");

        // jsonb keeps the series queryable by SQL (labels->>'Hostname'); the GIN index answers equality matchers
        // (labels @> '{"gpu":"3"}') without scanning every series.
        builder.Property(s => s.Labels).HasJsonb("labels");
        builder.HasIndex(s => s.Labels).HasMethod("gin").HasOperators("jsonb_path_ops").HasDatabaseName("ix_series_labels");

        builder.Property(s => s.MinTime).HasColumnName("min_time");
        builder.Property(s => s.MaxTime).HasColumnName("max_time");
    }
}
