using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>With PostgreSQL configured, the entities normalisation derives from new series land in observe.entities.</summary>
public class EntityCatalogTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NewSeries_WithPostgres_UpsertsEntitiesAndEdges()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempDirectory();
        await using (var store = StoreHarness.Postgres(database.ConnectionString, dataDirectory: data.Path))
        {
            await store.StartAsync().WaitAsync(s_timeout);
            await store.Services.GetRequiredService<ISampleAppender>().AppendAsync(
            [
                Series("DCGM_FI_DEV_GPU_TEMP", ("Hostname", "n1"), ("gpu", "0"), ("UUID", "GPU-a")),
                Series("DCGM_FI_DEV_GPU_TEMP", ("Hostname", "n1"), ("gpu", "1"), ("UUID", "GPU-b")),
                Series("kube_pod_info", ("namespace", "train"), ("pod", "w-0"), ("node", "n1")),
            ], CancellationToken.None).AsTask().WaitAsync(s_timeout);

            var rows = await Eventually.ReturnsAsync(
                async () => await QueryAsync(database, "SELECT id || ' ' || kind || ' ' || coalesce(labels->>'UUID', '-') FROM observe.entities ORDER BY id") is { Count: 4 } found ? found : null,
                s_timeout,
                "four entities in observe.entities");

            Assert.Equal(["gpu/n1/0 Gpu GPU-a", "gpu/n1/1 Gpu GPU-b", "node/n1 Node -", "pod/train/w-0 Pod -"], rows);
            Assert.Equal(
                ["node/n1 > gpu/n1/0", "node/n1 > gpu/n1/1", "node/n1 > pod/train/w-0"],
                await QueryAsync(database, "SELECT parent_id || ' > ' || child_id FROM observe.entity_edges ORDER BY child_id"));
        }

        // A restart replays the series and upserts their entities again: same rows, no conflict, first_seen kept.
        var firstSeen = await QueryAsync(database, "SELECT first_seen::text FROM observe.entities ORDER BY id");
        await using var restarted = StoreHarness.Postgres(database.ConnectionString, dataDirectory: data.Path);
        await restarted.StartAsync().WaitAsync(s_timeout);
        await Eventually.ReturnsAsync(
            async () => (await QueryAsync(database, "SELECT id FROM observe.entities WHERE last_seen > first_seen")).Count == 4 ? "updated" : null,
            s_timeout,
            "the replayed entities to be upserted");
        Assert.Equal(firstSeen, await QueryAsync(database, "SELECT first_seen::text FROM observe.entities ORDER BY id"));
    }

    private static async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static SeriesSamples Series(string name, params (string Name, string Value)[] labels) =>
        new(LabelSet.Create(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).Append(KeyValuePair.Create("__name__", name))), [new Sample(1000, 1)]);
}
