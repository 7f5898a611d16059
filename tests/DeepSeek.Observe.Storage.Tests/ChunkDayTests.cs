using DeepSeek.Observe.Storage.Relational;

namespace DeepSeek.Observe.Storage.Tests;

public sealed class ChunkDayTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(86_399_999, 0)]
    [InlineData(86_400_000, 1)]
    [InlineData(-1, -1)]
    [InlineData(-86_400_000, -1)]
    [InlineData(-86_400_001, -2)]
    public void Of_Timestamp_IsFlooredUtcDay(long timestampMs, long day) => Assert.Equal(day, ChunkDay.Of(timestampMs));

    [Theory]
    [InlineData(1_795_392_000_000, "sample_chunks_20261123")]
    [InlineData(0, "sample_chunks_19700101")]
    [InlineData(-1, "sample_chunks_19691231")]
    [InlineData(long.MaxValue, "sample_chunks_day_106751991167")]
    [InlineData(long.MinValue, "sample_chunks_day_m106751991168")]
    public void TableName_Day_RoundTripsThroughTryParse(long timestampMs, string name)
    {
        var day = ChunkDay.Of(timestampMs);

        Assert.Equal(name, ChunkDay.TableName(day));
        Assert.True(ChunkDay.TryParse(name, out var parsed));
        Assert.Equal(day, parsed);
    }

    [Theory]
    [InlineData("sample_chunks")]
    [InlineData("sample_chunks_2026112")]
    [InlineData("sample_chunks_day_x")]
    [InlineData("series")]
    public void TryParse_OtherTable_IsFalse(string name) => Assert.False(ChunkDay.TryParse(name, out _));

    [Fact]
    public void CreateSql_ExtremeDays_UseOpenBounds()
    {
        Assert.EndsWith("FROM (MINVALUE) TO (-9223372036828800000)", ChunkDay.CreateSql(ChunkDay.Of(long.MinValue)), StringComparison.Ordinal);
        Assert.EndsWith("TO (MAXVALUE)", ChunkDay.CreateSql(ChunkDay.Of(long.MaxValue)), StringComparison.Ordinal);
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS observe.sample_chunks_19700101 PARTITION OF observe.sample_chunks FOR VALUES FROM (0) TO (86400000)",
            ChunkDay.CreateSql(0));
    }
}
