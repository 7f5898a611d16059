using System.Net;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.RemoteWrite;

namespace DeepSeek.Observe.Simulation.Tests;

public class RemoteWriteSinkTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly Uri s_target = new("http://127.0.0.1:1/api/v1/write");

    private static LabelSet[] Series(int count) =>
        [.. Enumerable.Range(0, count).Select(i => LabelSet.Create([new Label("__name__", "up"), new Label("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]))];

    [Fact]
    public async Task SendStepAsync_BatchesBySeriesPerRequest_EverySampleAcknowledged()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, Concurrency: 2, SeriesPerRequest: 3), Series(10), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[10], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(10, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(4, 0, 0, 0), sink.Failures);
        Assert.All(handler.Requests, r => Assert.Equal("snappy", Assert.Single(r.ContentEncoding)));
    }

    [Fact]
    public async Task SendStepAsync_AbsentValues_LeftOutAndNotCounted()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10), Series(3), http, TimeProvider.System);

        double[] values = [1, SimulatedValue.Absent, 3];
        await sink.SendStepAsync(1000, values, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(2, sink.SamplesAcknowledged);
        // The request is exactly the one with series 0 and 2 only.
        var expected = new RemoteWriteRequestWriter(Series(3)).Write([0, 2], 1000, i => values[i]);
        Assert.Equal(Snappier.Snappy.DecompressToArray(expected), Snappier.Snappy.DecompressToArray(Assert.Single(handler.Requests).Body));
    }

    [Fact]
    public async Task SendStepAsync_ServerErrorThenSuccess_RetriedAndAcknowledged()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => Interlocked.Increment(ref calls) <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10, MinBackoff: TimeSpan.FromMilliseconds(1)), Series(5), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[5], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(5, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(3, 0, 0, 2), sink.Failures);
    }

    [Fact]
    public async Task SendStepAsync_BadRequest_NotRetriedAndCountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 4), Series(6), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[6], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(0, sink.SamplesAcknowledged);
        Assert.Equal(new RemoteWriteFailures(2, 2, 6, 0), sink.Failures);
    }

    [Fact]
    public async Task SendStepAsync_RetriesExhausted_CountedAsFailed()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("connection refused"));
        using var http = new HttpClient(handler);
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(s_target, 1, 10, MaxAttempts: 3, MinBackoff: TimeSpan.FromMilliseconds(1)), Series(2), http, TimeProvider.System);

        await sink.SendStepAsync(1000, new double[2], CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new RemoteWriteFailures(3, 1, 2, 2), sink.Failures);
    }
}
