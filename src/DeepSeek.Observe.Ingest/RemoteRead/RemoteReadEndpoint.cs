using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using DeepSeek.Observe.Ingest.RemoteWrite;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Snappier;
using ProtoLabelMatcher = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.LabelMatcher;

namespace DeepSeek.Observe.Ingest.RemoteRead;

/// <summary>
/// <c>POST /api/v1/read</c>: Prometheus remote read, so a Prometheus (<c>remote_read</c>) or any remote-storage client
/// reads the raw samples the platform holds, bit for bit. It lives with remote_write because the two halves share
/// their wire types. Bad input is 400; a read past <see cref="IngestOptions.MaxReadSamples"/> is refused as a whole.
/// </summary>
internal static class RemoteReadEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, ISeriesQuerier querier, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            var body = await RequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            ReadRequest read;
            try
            {
                read = ReadRequest.Parser.ParseFrom(SnappyBlock.Decompress(body, options.Value.MaxDecompressedBytes));
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw IngestRejectedException.BadRequest($"body is not a remote read ReadRequest: {ex.Message}");
            }

            if (read.AcceptedResponseTypes.Count > 0 && !read.AcceptedResponseTypes.Contains(ReadRequest.Types.ResponseType.Samples))
            {
                throw IngestRejectedException.BadRequest("only the SAMPLES response type is supported");
            }

            var response = Execute(read, querier, options.Value.MaxReadSamples);
            return Results.Bytes(Snappy.CompressToArray(response.ToByteArray()), "application/x-protobuf");
        }
        catch (IngestRejectedException ex)
        {
            return new TextError(ex.StatusCode, ex.Message, null);
        }
        catch (StoreUnavailableException ex)
        {
            return new TextError(StatusCodes.Status503ServiceUnavailable, $"store cannot be read now: {ex.Message}", 5);
        }
    }

    private static ReadResponse Execute(ReadRequest read, ISeriesQuerier querier, long maxSamples)
    {
        var response = new ReadResponse();
        var total = 0L;
        foreach (var query in read.Queries)
        {
            if (query.EndTimestampMs < query.StartTimestampMs)
            {
                throw IngestRejectedException.BadRequest($"query ends ({query.EndTimestampMs}) before it starts ({query.StartTimestampMs})");
            }

            var matchers = query.Matchers.Select(Matcher).ToList();
            if (matchers.All(m => m.Matches(LabelSet.Empty)))
            {
                throw IngestRejectedException.BadRequest("a query needs at least one matcher that does not match the empty string");
            }

            var result = new QueryResult();
            foreach (var series in querier.Series(matchers, query.StartTimestampMs, query.EndTimestampMs, int.MaxValue))
            {
                var samples = querier.Samples(series, query.StartTimestampMs, query.EndTimestampMs);
                if (samples.Count == 0)
                {
                    continue;
                }

                total += samples.Count;
                if (total > maxSamples)
                {
                    throw IngestRejectedException.BadRequest($"remote read would return more than {maxSamples} samples; narrow the matchers or the time range");
                }

                var timeSeries = new TimeSeries();
                timeSeries.Labels.AddRange(series.Select(l => new Protocol.RemoteWrite.Label { Name = l.Name, Value = l.Value }));
                timeSeries.Samples.AddRange(samples.Select(s => new Protocol.RemoteWrite.Sample { Timestamp = s.TimestampMs, Value = s.Value }));
                result.Timeseries.Add(timeSeries);
            }

            response.Results.Add(result);
        }

        return response;
    }

    private static Core.Series.LabelMatcher Matcher(ProtoLabelMatcher matcher)
    {
        var type = matcher.Type switch
        {
            ProtoLabelMatcher.Types.Type.Eq => LabelMatchType.Equal,
            ProtoLabelMatcher.Types.Type.Neq => LabelMatchType.NotEqual,
            ProtoLabelMatcher.Types.Type.Re => LabelMatchType.Regex,
            ProtoLabelMatcher.Types.Type.Nre => LabelMatchType.NotRegex,
            _ => throw IngestRejectedException.BadRequest($"unknown matcher type {(int)matcher.Type}"),
        };
        try
        {
            return Core.Series.LabelMatcher.Create(matcher.Name, type, matcher.Value);
        }
        catch (ArgumentException ex)
        {
            throw IngestRejectedException.BadRequest($"bad matcher {matcher.Name}: {ex.Message}");
        }
    }
}
