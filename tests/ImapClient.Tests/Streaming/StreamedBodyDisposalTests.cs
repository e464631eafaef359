using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>Moving on to the next streamed body without reading the current one disposes it.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SkippedStreamedBodyTests(Delivery delivery)
{
    [Test]
    public async Task Moving_on_without_reading_a_body_disposes_it_and_the_next_arrives()
    {
        // "moving on disposes the previous one": the caller takes body 1, reads nothing, and asks for the next.
        await using var server = new ScriptedServer(delivery);
        // On a clock that never moves the command cannot time out: a hang shows as one, whatever the machine's speed.
        await using var imap = await ConnectSelectedAsync(server, options: new TestClock().Options(TimeSpan.FromSeconds(3)));
        var bodies = imap.FetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest().AddBodySection("TEXT")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1:2 BODY.PEEK[TEXT]");
        await server.SendAsync($"* 1 FETCH (BODY[TEXT] {{5}}\r\nhello)\r\n* 2 FETCH (BODY[TEXT] {{5}}\r\nworld)\r\n{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        Assert.That(bodies.Current.SequenceNumber, Is.EqualTo(1u));

        var next = bodies.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(Patience));
        Assert.That(finished, Is.SameAs(next), "the enumeration hangs: body 1 is disposed only once body 2 arrives, which waits for body 1");
        Assert.That(await next, Is.True);
        Assert.That(bodies.Current.SequenceNumber, Is.EqualTo(2u));
        await bodies.DisposeAsync();
    }
}

/// <summary>A read pending on a body stream when the stream is disposed ends there, without the next body's bytes.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class DisposedBodyStreamTests(Delivery delivery)
{
    [Test]
    public async Task A_read_pending_when_the_stream_is_disposed_never_gets_the_next_body()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.FetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest().AddBodySection("TEXT")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1:2 BODY.PEEK[TEXT]");
        await server.SendAsync("* 1 FETCH (BODY[TEXT] {10}\r\nfirst");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        var content = bodies.Current.Content;
        var buffer = new byte[64];
        var got = 0;
        while (got < 5)
        {
            got += await content.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Patience);
        }

        var pending = content.ReadAsync(new byte[64]).AsTask();
        await Task.Delay(50);
        Assert.That(pending.IsCompleted, Is.False);
        await content.DisposeAsync(); // e.g. a cancellation registration disposing the stream
        await server.SendAsync($"_one)\r\n* 2 FETCH (BODY[TEXT] {{6}}\r\nSECOND)\r\n{tag} OK done\r\n");
        Assert.That(await bodies.MoveNextAsync().AsTask().WaitAsync(Patience), Is.True);
        var second = bodies.Current.Content;
        var secondText = new MemoryStream();
        var copy = second.CopyToAsync(secondText);

        object outcome;
        try
        {
            outcome = await pending.WaitAsync(Patience);
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name;
        }

        await copy.WaitAsync(Patience);
        TestContext.Out.WriteLine($"pending read outcome: {outcome}; second: {Encoding.ASCII.GetString(secondText.ToArray())}");
        Assert.That(Encoding.ASCII.GetString(secondText.ToArray()), Is.EqualTo("SECOND"));
        Assert.That(outcome, Is.Not.TypeOf<TimeoutException>(), "the disposed stream's pending read hangs");
        await bodies.DisposeAsync();
    }
}
