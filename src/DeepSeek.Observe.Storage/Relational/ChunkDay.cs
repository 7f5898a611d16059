namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The UTC day partitions of <c>observe.sample_chunks</c> (<see cref="DayPartitioning.SampleChunks"/>): day <c>d</c>
/// holds the chunks whose min_time lies in [d × 86 400 000, (d + 1) × 86 400 000), named <c>sample_chunks_YYYYMMDD</c>.
/// </summary>
internal static class ChunkDay
{
    private static DayPartitioning Days => DayPartitioning.SampleChunks;

    /// <summary>The day of a Unix millisecond timestamp (floored, so negative times fall on the earlier day).</summary>
    public static long Of(long timestampMs) => Days.Of(timestampMs);

    /// <summary>The first millisecond of <paramref name="day"/>, saturating at the ends of the int64 range.</summary>
    public static long Start(long day) => Days.Start(day);

    public static string TableName(long day) => Days.TableName(day);

    public static bool TryParse(string tableName, out long day) => Days.TryParse(tableName, out day);

    public static string CreateSql(long day) => Days.CreateSql(day);
}
