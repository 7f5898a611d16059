using System.Text.Json;
using DeepSeek.Observe.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>How a <see cref="LabelSet"/> column is mapped: jsonb of the Prometheus object shape (<c>{"job":"api"}</c>).</summary>
internal static class LabelSetColumn
{
    public static PropertyBuilder<LabelSet> HasJsonb(this PropertyBuilder<LabelSet> property, string column) =>
        property
            .HasColumnName(column)
            .HasColumnType("jsonb")
            .HasConversion(
                labels => JsonSerializer.Serialize(labels, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<LabelSet>(json, JsonSerializerOptions.Default) ?? LabelSet.Empty);
}
