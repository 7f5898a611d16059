using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Internal;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// Reading: select candidate streams in SQL (= and != as jsonb predicates the GIN index answers), apply every matcher
/// exactly in memory (regular expressions have Go's RE2 syntax, which PostgreSQL's do not), then read the lines of the
/// selected streams newest (or oldest) first, <c>LIMIT</c> in SQL. The querier's interface is synchronous, so are the
/// round trips.
/// </summary>
internal sealed partial class PostgresLogStore
{
    // A stream qualifies only with a line in range, which (stream_id, ts_ns) answers per stream; the ts_ns bounds also
    // let the planner skip every day partition outside the range.
    private const string InRangeSql =
        " AND EXISTS (SELECT 1 FROM observe.log_entries e WHERE e.stream_id = s.id AND e.ts_ns >= $1 AND e.ts_ns <= $2)";

    public IReadOnlyList<LabelSet> Streams(IReadOnlyList<LabelMatcher> matchers, long startNs, long endNs, int limit)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        if (limit <= 0 || endNs < startNs)
        {
            return [];
        }

        return Unavailable(() =>
        {
            using var connection = dataSource.OpenConnection();
            return (IReadOnlyList<LabelSet>)[.. Candidates(connection, matchers, startNs, endNs).Values.Order(LabelSetComparer.Instance).Take(limit)];
        });
    }

    // Reads while PostgreSQL is away are refused as unavailable (503), not failed as a server error.
    private static T Unavailable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NpgsqlException ex) when (ex.IsTransient || ex.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new StoreUnavailableException($"PostgreSQL is unreachable: {ex.Message}", ex);
        }
        catch (PostgresException ex) when (ex.SqlState is "3D000" or "57P01" or "57P03")
        {
            // Database gone (renamed or dropped), administrator shutdown, server starting up.
            throw new StoreUnavailableException($"PostgreSQL is unavailable: {ex.Message}", ex);
        }
    }

    public IReadOnlyList<StreamEntries> Query(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Limit <= 0 || query.EndNs < query.StartNs ? [] : Unavailable(() => QueryCore(query));
    }

    private List<StreamEntries> QueryCore(LogQuery query)
    {

        using var connection = dataSource.OpenConnection();
        var streams = new Dictionary<long, LabelSet>();
        foreach (var selector in query.Selectors)
        {
            foreach (var (id, labels) in Candidates(connection, selector, query.StartNs, query.EndNs))
            {
                streams[id] = labels;
            }
        }

        if (streams.Count == 0)
        {
            return [];
        }

        // strpos, not LIKE: the text is the user's, and LIKE would read its % and _ as wildcards.
        var backward = query.Direction == LogDirection.Backward;
        var sql = "SELECT stream_id, ts_ns, line, metadata FROM observe.log_entries " +
            "WHERE stream_id = ANY($1) AND ts_ns >= $2 AND ts_ns <= $3" +
            (query.Contains is { Length: > 0 } ? " AND strpos(line, $5) > 0" : string.Empty) +
            (backward ? " ORDER BY ts_ns DESC" : " ORDER BY ts_ns") + " LIMIT $4";
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. streams.Keys] });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.StartNs });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.EndNs });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        if (query.Contains is { Length: > 0 } text)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        }

        var kept = new List<(LabelSet, LogEntry)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var metadata = reader.IsDBNull(3) ? LabelSet.Empty : LogJson.Labels(reader.GetString(3));
                kept.Add((streams[reader.GetInt64(0)], new LogEntry(reader.GetInt64(1), reader.GetString(2), metadata)));
            }
        }

        return LogResults.Group(kept, query.Direction);
    }

    /// <summary>
    /// The streams matching every matcher with a line in range, by id. At most every stream is loaded (bounded by
    /// <see cref="StorageOptions.MaxLogStreams"/>), which only a selector of regular expressions alone can cause.
    /// </summary>
    private static Dictionary<long, LabelSet> Candidates(NpgsqlConnection connection, IReadOnlyList<LabelMatcher> matchers, long startNs, long endNs)
    {
        using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = startNs });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = endNs });
        var sql = new StringBuilder("SELECT s.id, s.labels FROM observe.log_streams s WHERE true").Append(InRangeSql);
        var equal = new Dictionary<string, string>();
        foreach (var matcher in matchers)
        {
            string? predicate = (matcher.Type, matcher.Value.Length) switch
            {
                // Containment of all equalities at once: one GIN lookup.
                (LabelMatchType.Equal, > 0) => null,

                // A label is never stored empty, so ="" means "absent" and !="" "present" (Prometheus semantics).
                (LabelMatchType.Equal, 0) => $" AND NOT jsonb_exists(s.labels, ${Add(command, matcher.Name)})",
                (LabelMatchType.NotEqual, 0) => $" AND jsonb_exists(s.labels, ${Add(command, matcher.Name)})",
                (LabelMatchType.NotEqual, _) => $" AND NOT s.labels @> ${Add(command, Object(matcher.Name, matcher.Value))}::jsonb",
                _ => string.Empty,
            };
            if (predicate is null)
            {
                equal[matcher.Name] = matcher.Value;
            }
            else
            {
                sql.Append(predicate);
            }
        }

        if (equal.Count > 0)
        {
            sql.Append(" AND s.labels @> $").Append(Add(command, System.Text.Json.JsonSerializer.Serialize(equal))).Append("::jsonb");
        }

        command.CommandText = sql.ToString();
        var found = new Dictionary<long, LabelSet>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var labels = LogJson.Labels(reader.GetString(1));
            if (matchers.All(m => m.Matches(labels)))
            {
                found[reader.GetInt64(0)] = labels;
            }
        }

        return found;
    }

    private static int Add(NpgsqlCommand command, string value)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return command.Parameters.Count;
    }

    private static string Object(string name, string value) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value });
}
