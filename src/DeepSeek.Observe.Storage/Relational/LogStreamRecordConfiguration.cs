using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Mapped like <see cref="SeriesRecordConfiguration"/>, for the same reasons (hash identity, GIN on jsonb).</summary>
internal sealed class LogStreamRecordConfiguration : IEntityTypeConfiguration<LogStreamRecord>
{
    public void Configure(EntityTypeBuilder<LogStreamRecord> builder)
    {
        builder.ToTable("log_streams");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(s => s.LabelsHash).HasColumnName("labels_hash").HasMaxLength(32);
        builder.HasIndex(s => s.LabelsHash).IsUnique().HasDatabaseName("ux_log_streams_labels_hash");
        builder.Property(s => s.Labels).HasJsonb("labels");
        builder.HasIndex(s => s.Labels).HasMethod("gin").HasOperators("jsonb_path_ops").HasDatabaseName("ix_log_streams_labels");
    }
}
