using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeepSeek.Observe.Storage.Relational;

internal sealed class EntityEdgeRecordConfiguration : IEntityTypeConfiguration<EntityEdgeRecord>
{
    public void Configure(EntityTypeBuilder<EntityEdgeRecord> builder)
    {
        builder.ToTable("entity_edges");
        builder.HasKey(e => new { e.ParentId, e.ChildId });
        builder.Property(e => e.ParentId).HasColumnName("parent_id").HasMaxLength(512);
        builder.Property(e => e.ChildId).HasColumnName("child_id").HasMaxLength(512);
        builder.HasOne(e => e.Child).WithMany(e => e.Parents).HasForeignKey(e => e.ChildId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Parent).WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Cascade);

        // Walking the topology downwards (all GPUs of a node) needs the parent side indexed too.
        builder.HasIndex(e => e.ParentId).HasDatabaseName("ix_entity_edges_parent_id");
    }
}
