using System.Text;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>
/// Malformed PromQL; the message says where and what, as Prometheus's parser does
/// (<c>1:5: parse error: unexpected ...</c>), so the HTTP API can answer <c>bad_data</c> with it unchanged.
/// </summary>
public sealed class PromqlParseException : Exception
{
    public PromqlParseException()
    {
    }

    public PromqlParseException(string message)
        : base(message)
    {
    }

    public PromqlParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A positioned error: <paramref name="position"/> is the 0-based offset of the offending text in <paramref name="query"/>.</summary>
    public PromqlParseException(string query, int position, string reason, Exception? innerException = null)
        : base(Format(query, position, reason), innerException)
    {
        ArgumentNullException.ThrowIfNull(query);
        Position = position;
        (Line, Column) = LineAndColumn(query, position);
        Reason = reason;
    }

    /// <summary>0-based offset into the query, or -1 when the error has no position.</summary>
    public int Position { get; } = -1;

    /// <summary>1-based line of <see cref="Position"/> (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>1-based column of <see cref="Position"/> within its line, counted in UTF-8 bytes as Prometheus does (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position prefix.</summary>
    public string? Reason { get; }

    private static string Format(string query, int position, string reason)
    {
        var (line, column) = LineAndColumn(query ?? string.Empty, position);
        return $"{line}:{column}: parse error: {reason}";
    }

    // Prometheus counts lines from 1 and columns from 1 after the last line break, in UTF-8 bytes (Go strings).
    private static (int Line, int Column) LineAndColumn(string query, int position)
    {
        position = Math.Clamp(position, 0, query.Length);
        var line = 1;
        var lastBreak = -1;
        for (var i = 0; i < position; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lastBreak = i;
            }
        }

        return (line, Encoding.UTF8.GetByteCount(query.AsSpan(lastBreak + 1, position - lastBreak - 1)) + 1);
    }
}
