using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeepSeek.Observe.Storage.Relational;

internal sealed class EntityRecordConfiguration : IEntityTypeConfiguration<EntityRecord>
{
    public void Configure(EntityTypeBuilder<EntityRecord> builder)
    {
        builder.ToTable("entities");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").HasMaxLength(512);

        // Stored by name so the table stays readable and enum reordering cannot corrupt it.
        builder.Property(e => e.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(32);

        // jsonb keeps the label set queryable (labels->>'Hostname') without a table per label.
        builder.Property(e => e.Labels).HasJsonb("labels");

        builder.Property(e => e.FirstSeen).HasColumnName("first_seen");
        builder.Property(e => e.LastSeen).HasColumnName("last_seen");
        builder.HasIndex(e => e.Kind).HasDatabaseName("ix_entities_kind");
    }
}
