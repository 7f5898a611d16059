using System.Globalization;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The UTC day partitions of <c>observe.sample_chunks</c>: day <c>d</c> holds the chunks whose min_time lies in
/// [d × 86 400 000, (d + 1) × 86 400 000) and is named <c>sample_chunks_YYYYMMDD</c>.
/// </summary>
internal static class ChunkDay
{
    public const long Milliseconds = 86_400_000;
    public const string TablePrefix = "sample_chunks_";

    // Days outside DateTimeOffset's years 1–9999 still get a partition (remote_write allows any int64 timestamp and
    // an unflushable chunk would stall the log's truncation forever); they are named by day number instead.
    private const string DayNumberPrefix = TablePrefix + "day_";
    private static readonly long s_firstNamedDay = DateTimeOffset.MinValue.ToUnixTimeMilliseconds() / Milliseconds;
    private static readonly long s_lastNamedDay = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() / Milliseconds;

    /// <summary>The day of a Unix millisecond timestamp (floored, so negative times fall on the earlier day).</summary>
    public static long Of(long timestampMs) => Math.DivRem(timestampMs, Milliseconds) is var (q, r) && r < 0 ? q - 1 : q;

    /// <summary>The first millisecond of <paramref name="day"/>, saturating at the ends of the int64 range.</summary>
    public static long Start(long day) =>
        day > long.MaxValue / Milliseconds ? long.MaxValue
        : day < long.MinValue / Milliseconds ? long.MinValue
        : day * Milliseconds;

    public static string TableName(long day) =>
        day >= s_firstNamedDay && day <= s_lastNamedDay
            ? TablePrefix + DateTimeOffset.FromUnixTimeMilliseconds(day * Milliseconds).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : DayNumberPrefix + (day < 0 ? "m" + (-day).ToString(CultureInfo.InvariantCulture) : day.ToString(CultureInfo.InvariantCulture));

    /// <summary>The day of a partition named by <see cref="TableName"/>; false for any other table.</summary>
    public static bool TryParse(string tableName, out long day)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        day = 0;
        if (tableName.StartsWith(DayNumberPrefix, StringComparison.Ordinal))
        {
            var number = tableName.AsSpan(DayNumberPrefix.Length);
            var negative = number.StartsWith("m");
            if (!long.TryParse(negative ? number[1..] : number, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
            {
                return false;
            }

            day = negative ? -magnitude : magnitude;
            return true;
        }

        if (!tableName.StartsWith(TablePrefix, StringComparison.Ordinal)
            || !DateTime.TryParseExact(tableName.AsSpan(TablePrefix.Length), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        day = new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeMilliseconds() / Milliseconds;
        return true;
    }

    /// <summary>The statement that creates the partition of <paramref name="day"/> unless it exists.</summary>
    public static string CreateSql(long day) =>
        string.Create(CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS observe.{TableName(day)} PARTITION OF observe.sample_chunks FOR VALUES FROM ({Bound(day)}) TO ({Bound(day + 1)})");

    // The first and last days are cut by the int64 range; MINVALUE/MAXVALUE keep their extreme timestamps insertable.
    private static string Bound(long day) =>
        day > long.MaxValue / Milliseconds ? "MAXVALUE"
        : day < long.MinValue / Milliseconds ? "MINVALUE"
        : (day * Milliseconds).ToString(CultureInfo.InvariantCulture);
}
